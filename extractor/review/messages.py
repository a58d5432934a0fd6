"""Words the reviewer reads: check names, statuses, cell states, and refusals put in Chinese.

The corrections core raises its reasons in English (scripts and logs read them); the web page shows
the Chinese sentence for the reasons it knows and the original for any other.
"""

from __future__ import annotations

import re

CHECK_NAMES: dict[str, str] = {
    "R1": "表三各列：一＋二＝三（七）＋四",
    "R2": "表三各列：（七）总计＝各项办理结果之和",
    "R3": "表三各行：总计＝六类申请人之和",
    "R4": "表四各组：总计＝四种结果之和",
    "R5": "数值类型（件数为整数、金额为数字）",
    "R6": "本年“上年结转”＝上一年度“结转下年度继续办理”",
    "R7": "现行有效件数与上一年度衔接",
    "R8": "正文复述的数字与表格一致",
    "R9": "正文所述年份与报告年度一致",
}
STATUS_NAMES: dict[str, str] = {"pass": "通过", "fail": "不通过", "not_assessable": "无法判断"}
CELL_KINDS: dict[str, str] = {
    "value": "数值",
    "low": "置信度较低，请核对",
    "ambiguous": "存疑：数字粘连，有多种拆分，未取值",
    "unreadable": "存疑：印的不是数字，未取值",
    "blank": "空白（未填）",
    "dash": "横线（—），不适用",
    "absent": "未印出（该行、列或表格未找到）",
}
ITEM_KINDS: dict[str, str] = {"published": "主动公开数量", "platforms": "公开平台", "problems": "存在的问题",
                              "fixes": "改进措施"}
PLATFORM_KINDS: dict[str, str] = {"website": "网站", "gazette": "政府公报", "social_media": "政务新媒体",
                                  "app": "客户端（APP）", "board": "公开栏、显示屏", "media": "报刊、广播电视",
                                  "other": "其他"}
WARNING_NAMES: dict[str, str] = {  # extractor.errors.WarningCode; the extraction's own message follows as detail
    "table_missing": "未找到{part}，其单元格为空",
    "section_missing": "未找到{part}",
    "ambiguous_digits": "数字粘连，有多种拆分，未取值",
    "unreadable_cell": "单元格印的不是数字，未取值",
    "low_confidence_mapping": "表格行标签的对应把握不大，请核对该行",
    "year_mismatch": "正文所述年份与报告年度不一致",
    "template_uncertain": "无法确定模板版本（2019 或 2021）",
    "agency_unknown": "标题中未找到机关名称",
    "year_unknown": "标题中未找到报告年度",
    "narrative_empty": "正文未读出任何条目",
    "extra_row": "表格中有模板以外的行",
}
PARTS: dict[str, str] = {  # section and table keys of the output contract, as the template prints them
    "overview": "“一、总体情况”部分", "proactive": "“二、主动公开政府信息情况”", "requests": "“三、收到和处理政府信息公开申请情况”",
    "review_litigation": "“四、政府信息公开行政复议、行政诉讼情况”", "problems": "“五、存在的主要问题及改进情况”部分",
    "other": "“六、其他需要报告的事项”部分",
}
TABLES: dict[str, str] = {"proactive": "表二", "requests": "表三", "review_litigation": "表四"}  # as the template numbers them
_PART = re.compile(r"^(?:section|table) (?P<key>\w+) not found")
REPORT_FIELDS: dict[str, str] = {"agency": "机关名称", "year": "报告年度", "template": "模板（2019 或 2021 版）"}

_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?P<v>.*) is not a number \(write the number as printed.*$"), "「{v}」不是数字：请按原文填写数字，空白单元格请留空"),
    (re.compile(r"^(?P<v>.*) is not a number$"), "「{v}」不是数字"),
    (re.compile(r"^(?P<p>\S+) is not a cell of this report's (?P<t>\S+) template$"), "{p} 不是本报告（{t} 版模板）的单元格"),
    (re.compile(r"^(?P<v>.*) is not a report year$"), "「{v}」不是有效的报告年度（1990–2100）"),
    (re.compile(r"^the template is one of .*, not (?P<v>.*)$"), "模板只能是 2019 或 2021，不能是 {v}"),
    (re.compile(r"^(?P<p>\S+): no such (?P<k>\w+) item \(removed, or never there\)$"), "{p}：该条目不存在（已被删除或从未存在），请刷新页面"),
    (re.compile(r"^a platform needs a name$"), "公开平台需要填写名称"),
    (re.compile(r"^a (?P<k>\w+) item needs its text$"), "请填写条目的原文"),
    (re.compile(r"^the note is (?P<n>\d+) characters; keep it under (?P<m>\d+)$"), "备注有 {n} 个字符，请少于 {m} 个"),
    (re.compile(r"^(?P<p>.*) is not a correctable field$"), "{p} 不是可更正的字段"),
    (re.compile(r"^report (?P<id>\d+) is not in the database.*$"), "报告 #{id} 已不在数据库中（可能已被删除或重新导入）"),
    (re.compile(r"^report (?P<id>\d+) was deleted while.*$"), "报告 #{id} 在保存时被删除"),
    (re.compile(r"^nothing changed$"), "没有修改任何字段"),
    (re.compile(r"^a published count needs its number$"), "请填写公开数量"),
    (re.compile(r"^fees: (?P<m>.*)$"), "收费情况有误：{m}"),
    (re.compile(r"^(?P<k>published|platforms|problems|fixes) item: (?P<f>[\w.]+): (?P<m>.*)$"), "条目的“{f}”一项有误：{m}"),
)


def in_chinese(reason: str) -> str:
    """The Chinese sentence for a refusal the corrections core raised (the original when unknown)."""
    for pattern, template in _REASONS:
        match = pattern.match(reason)
        if match:
            return template.format(**{k: v.strip("'\"") for k, v in match.groupdict().items()})
    return reason


def warning_title(code: str, message: str) -> str:
    """The Chinese headline of an extraction warning (its code's, naming the part a missing-part warning means)."""
    title = WARNING_NAMES.get(code, code)
    if "{part}" in title:
        found = _PART.match(message)
        key = found["key"] if found else ""
        part = PARTS.get(key, key or "该部分")
        title = title.format(part=f"表格{part}" if code == "table_missing" and key in PARTS else part)
    return title
