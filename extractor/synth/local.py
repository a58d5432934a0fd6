"""Local template families: one agency's own wording of tables 2 and 3, shared by all its reports.

County and city governments often hand their departments a template of their own: the official
rows renamed in local words ("（一）同意公开" for 予以公开), a local row added ("其中：网上申请"),
the 不予公开 reasons in another order. The shipped label model has never seen such wording, so a
family is the test bed of the correction loop: correct a few of its reports, retrain, extract the
others. A family number fixes every choice, independent of the report seed, so the reports of one
family (any seed, any index) print the same labels; the values, layout and prose still come from
the report's own seed, which a family never changes.

Every wording here is written for the project; none is copied from a real report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from extractor import schema

# Table 3: the body of each row's label, without its ordinal (the ordinal follows the printed position).
_REQUEST_BODIES: dict[str, tuple[str, ...]] = {
    "new_requests": ("本年度新受理的申请", "本年新收到的公开申请", "当年新接收申请件数"),
    "carried_over": ("上年度结转的申请", "往年结转尚未办结的申请", "上一年度转入的申请"),
    "result_open": ("同意公开", "全部公开", "准予公开"),
    "result_partial": ("同意部分公开", "部分同意公开（区分处理）", "准予部分公开"),
    "withheld_state_secret": ("涉及国家秘密", "涉密信息", "属国家秘密事项"),
    "withheld_law_prohibited": ("法律法规明令禁止公开", "其他法律、法规规定不得公开", "法律行政法规不允许公开"),
    "withheld_safety_stability": ("公开后危及国家安全、公共安全、经济安全和社会稳定", "可能危及三安全一稳定", "影响国家安全和社会稳定"),
    "withheld_third_party": ("涉及商业秘密、个人隐私等第三方权益", "损害第三方合法权益", "第三方不同意公开"),
    "withheld_internal_affairs": ("人事、后勤等内部管理信息", "机关内部事务", "机关内部管理事项"),
    "withheld_process_info": ("讨论记录、过程稿等过程性信息", "研究过程中的材料", "尚在讨论中的过程稿"),
    "withheld_enforcement_file": ("行政执法案卷材料", "执法卷宗", "执法办案材料"),
    "withheld_admin_query": ("应通过查询渠道获取的信息", "属于查询类事项", "可通过查询方式获取"),
    "unavailable_not_held": ("本机关未制作或获取", "申请的信息不存在", "本机关未掌握"),
    "unavailable_needs_creation": ("需重新加工制作", "需要汇总、加工或重新制作", "需另行统计汇总"),
    "unavailable_unclear": ("申请内容经补正仍不明确", "补正后仍无法确定所需信息", "所需信息指向不明"),
    "not_processed_complaint": ("属于信访、举报、投诉事项", "信访、举报类诉求", "投诉举报类事项"),
    "not_processed_duplicate": ("同一申请人重复提出", "重复提出的申请", "同一事项再次申请"),
    "not_processed_publication": ("申请获取公开出版物", "要求提供出版物", "索取公开出版物"),
    "not_processed_excessive": ("短期内大量、反复申请", "无正当理由大批量申请", "超出合理范围的批量申请"),
    "not_processed_confirm": ("要求确认或重新出具已获取信息", "要求重新出具已获得的信息", "要求对已获取信息进行确认"),
    "other": ("其他情形", "其他处理情况", "另行处理"),
    "other_no_correction": ("逾期未补正", "申请人逾期不补正", "未按期补正"),
    "other_fee_unpaid": ("逾期未缴纳信息处理费", "未按期缴费", "逾期不缴费"),
    "other_misc": ("其他情况", "其它原因", "其他原因"),
    "result_total": ("办结合计", "办理结果合计", "办结数合计"),
    "carried_forward": ("结转至下年度办理", "转入下年度继续办理", "年底未办结"),
}
# Group labels: the results block and the four sub-groups (the sixth prints as a group when split).
_GROUP_BODIES: dict[str, tuple[str, ...]] = {
    "results": ("本年度办理情况", "办理结果", "本年度答复情况"),
    "withheld": ("不同意公开", "决定不公开", "不予公开的情形"),
    "unavailable": ("信息不存在或无法提供", "无法提供信息", "不能提供"),
    "not_processed": ("不作处理", "不予办理", "不再处理"),
}
_EXTRA_REQUEST_ROWS = ("其中：网上申请", "其中：当面申请", "其中：信函申请")
# Table 2 rows of both templates.
_PROACTIVE_BODIES: dict[str, tuple[str, ...]] = {
    "regulations": ("规章制定情况", "本级规章", "制定规章"),
    "normative_docs": ("规范性文件制发", "本级规范性文件", "规范性文件（含部门）"),
    "admin_license": ("行政许可办理", "许可审批", "行政许可决定"),
    "other_admin_services": ("其他对外服务事项", "对外管理服务", "公共服务事项"),
    "admin_penalty": ("行政处罚案件", "处罚决定", "行政处罚办理"),
    "admin_coercion": ("强制措施决定", "行政强制执行", "强制执行情况"),
    "admin_fees": ("涉企收费", "收费项目", "事业性收费"),
    "gov_procurement": ("集中采购", "本级采购情况", "政府采购情况"),
}
_EXTRA_PROACTIVE_ROWS = ("公共资源配置", "行政备案", "行政检查")
_MAIN_ORDINALS = {"new_requests": "一、", "carried_over": "二、", "results": "三、", "carried_forward": "四、"}
_RESULT_ORDINALS = ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）")
_GROUP_ORDER = ("withheld", "unavailable", "not_processed", "other")


def group_of(key: str) -> str | None:
    """The sub-group a table-3 key is printed under (withheld_…, unavailable_…, …), if any."""
    return next((g for g in _GROUP_ORDER if key.startswith(g + "_")), None)


@dataclass(frozen=True)
class LocalTemplate:
    """One family's wording; `label`/`group_label` give the printed text for a printed order."""

    family: int
    request_bodies: dict[str, str]
    group_bodies: dict[str, str]
    withheld_order: tuple[str, ...]  # the 不予公开 reasons in the family's printed order
    extra_request_row: str  # printed right after 一、本年新收…
    proactive_bodies: dict[str, str]
    extra_proactive_row: str  # printed at the end of table 2's first block

    def order(self, printed: list[str]) -> list[str]:
        """The template's printed keys of table 3, with the 不予公开 reasons in the family's order."""
        withheld = iter(k for k in self.withheld_order if k in printed)
        return [next(withheld) if group_of(k) == "withheld" else k for k in printed]

    def request_label(self, key: str, printed: list[str]) -> str:
        """A row label with the ordinal its printed position gives it."""
        if key in _MAIN_ORDINALS:
            return _MAIN_ORDINALS[key] + self.request_bodies[key]
        group = group_of(key)
        if group is None:
            return _RESULT_ORDINALS[_result_heads(printed).index(key)] + self.request_bodies[key]
        siblings = [k for k in printed if group_of(k) == group]
        return f"{siblings.index(key) + 1}.{self.request_bodies[key]}"

    def group_label(self, group: str, printed: list[str]) -> str:
        """A sub-group heading ("（三）不同意公开") or the results block ("三、本年度办理情况")."""
        if group == "results":
            return _MAIN_ORDINALS["results"] + self.group_bodies["results"]
        tops = _result_heads(printed)
        body = self.request_bodies["other"] if group == "other" else self.group_bodies[group]
        return _RESULT_ORDINALS[tops.index(group)] + body

    def proactive_label(self, key: str) -> str:
        return self.proactive_bodies[key]


def _result_heads(printed: list[str]) -> list[str]:
    """The （一）…（七） items of the results block: single rows and sub-groups, in printed order."""
    heads: list[str] = []
    for key in printed:
        if key in _MAIN_ORDINALS:
            continue
        head = group_of(key) or key
        if head not in heads:
            heads.append(head)
    return heads


def local_template(family: int) -> LocalTemplate:
    """The wording of family `family`: the same number always gives the same template."""
    rng = random.Random(f"xxgk-local-template:{family}")
    requests = {key: rng.choice(options) for key, options in _REQUEST_BODIES.items()}
    groups = {key: rng.choice(options) for key, options in _GROUP_BODIES.items()}
    withheld = [r.key for r in schema.requests().rows if group_of(r.key) == "withheld"]
    first = rng.randrange(len(withheld) - 2)
    second = first + rng.choice((1, 2))
    withheld[first], withheld[second] = withheld[second], withheld[first]
    extra_request = rng.choice(_EXTRA_REQUEST_ROWS)
    proactive = {key: rng.choice(options) for key, options in _PROACTIVE_BODIES.items()}
    return LocalTemplate(family, requests, groups, tuple(withheld), extra_request, proactive,
                         rng.choice(_EXTRA_PROACTIVE_ROWS))


def printed_labels(family: int) -> set[str]:
    """Every label text a family can print (both templates, either form of （六）): for the novelty check."""
    local = local_template(family)
    texts = {local.proactive_label(k) for k in local.proactive_bodies} | {local.extra_proactive_row, local.extra_request_row}
    for split in (False, True):
        printed = local.order([k for k in schema.REQUESTS_PRINTED_ORDER
                               if (k != "other" or not split) and (not k.startswith("other_") or split)])
        texts |= {local.request_label(k, printed) for k in printed}
        texts |= {local.group_label(g, printed) for g in ("results", "withheld", "unavailable", "not_processed")}
        if split:
            texts.add(local.group_label("other", printed))
    return texts
