"""Phrase banks for the prose sections, written for this generator in the register of the reports.

Slots in braces are filled by narrative.py. Problems and fixes are bare cores: the gold stores the
core as the substring an extractor must cover, the assembler adds ordinals and tails around it.
"""

from __future__ import annotations

INTROS: tuple[str, ...] = (
    "{year}年，{agency}认真贯彻《中华人民共和国政府信息公开条例》，围绕年度重点任务，持续推进决策、执行、"
    "管理、服务、结果公开，政务公开的规范化水平不断提高。现将本年度政府信息公开工作情况报告如下。",
    "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
    "如对本报告有疑问，请与{agency}办公室联系。",
    "{year}年，{agency}把政务公开作为转变作风、服务群众的重要抓手，健全工作机制，拓宽公开渠道，"
    "较好完成了年度各项公开任务。",
)

PROACTIVE_LEADS: tuple[str, ...] = (
    "（一）主动公开。",
    "（一）主动公开情况。",
    "（一）主动公开方面。",
)

PUBLISH_TOTAL: tuple[str, ...] = (
    "全年通过{channel}主动公开各类政府信息{count}",
    "{year}年共在{channel}发布政府信息{count}",
    "本年度累计公开政务信息{count}，主要发布于{channel}",
)

PUBLISH_PARTS: tuple[tuple[str, str], ...] = (
    ("其中发布工作动态{count}", "条"),
    ("更新政策解读{count}", "篇"),
    ("在{wechat}推送信息{count}", "条"),
    ("通过{video}发布短视频{count}", "期"),
    ("召开新闻发布会{count}", "场"),
    ("编印{gazette}{count}", "期"),
    ("在{board}张贴公告{count}", "次"),
)

REQUEST_NONE: tuple[str, ...] = (
    "（二）依申请公开。本年度未收到政府信息公开申请，无上年结转申请。",
    "（二）依申请公开情况。{year}年，本机关未收到政府信息公开申请。",
)

REQUEST_SOME: tuple[str, ...] = (
    "（二）依申请公开。全年共新收政府信息公开申请{new}件，上年结转{carried}件；办结{done}件，"
    "其中予以公开{open}件，结转下年度继续办理{forward}件。",
    "（二）依申请公开情况。{year}年本机关受理政府信息公开申请{new}件，另有上年结转{carried}件，"
    "已按法定时限答复{done}件（予以公开{open}件），{forward}件结转至下一年度办理。",
)

MANAGEMENT: tuple[str, ...] = (
    "（三）政府信息管理。严格执行信息发布前保密审查和“三审三校”制度，定期对已公开信息开展清理，"
    "及时调整失效内容，确保发布信息准确规范。",
    "（三）政府信息管理。建立公开事项目录动态调整机制，明确专人负责信息报送、审核和发布，"
    "做到应公开尽公开、不应公开严把关。",
)

PLATFORM_LEADS: tuple[str, ...] = (
    "（四）平台建设。以{site}为第一平台，同步运用{others}等渠道发布信息，形成多渠道联动的公开格局。",
    "（四）政府信息公开平台建设。持续优化{site}栏目设置，统筹{others}等平台协同发布，拓宽群众获取信息的途径。",
)

OVERSIGHT: tuple[str, ...] = (
    "（五）监督保障。将政务公开纳入年度目标考核，组织业务培训{train}次，主动接受群众和社会监督。",
    "（五）监督保障。成立政务公开工作领导小组，定期听取工作汇报，对发现的问题及时督促整改。",
)

REVIEW_NONE: tuple[str, ...] = (
    "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
    "{year}年，本机关未收到政府信息公开方面的行政复议申请，也未被提起行政诉讼。",
)

REVIEW_SOME: tuple[str, ...] = (
    "本年度因政府信息公开被申请行政复议{review}件，其中结果维持{upheld}件、结果纠正{corrected}件；"
    "被提起行政诉讼{suits}件。",
    "全年共发生政府信息公开行政复议{review}件（维持{upheld}件、纠正{corrected}件），行政诉讼{suits}件。",
)

PROBLEMS: tuple[str, ...] = (
    "主动公开的深度和广度还需拓展", "政策解读形式较为单一", "基层工作人员业务能力有待提升",
    "个别信息发布的及时性不够", "专栏栏目设置不够规范", "依申请公开答复文书规范性有待加强",
    "政务新媒体互动回应不够及时", "公开内容与群众需求结合不够紧密", "部分栏目更新频率偏低",
    "图解和视频类解读材料数量偏少",
)

FIXES: tuple[str, ...] = (
    "健全信息发布审核机制", "丰富政策解读形式", "定期组织业务培训", "加强栏目日常巡查",
    "规范依申请公开办理流程", "强化政务新媒体运维管理", "围绕群众关切扩大公开范围",
    "建立信息更新提醒台账",
)

FIX_TAILS: tuple[str, ...] = (
    "确保信息准确及时", "切实提升公开质效", "推动工作常态长效", "让群众看得到、看得懂", "",
)

PROBLEM_OPENERS: tuple[str, ...] = (
    "{year}年政务公开工作取得了一定成效，但对照上级要求仍有差距：",
    "本年度工作中仍存在一些不足，主要表现在：",
)

FIX_OPENERS: tuple[str, ...] = (
    "下一步，我们将重点做好以下工作：",
    "针对上述问题，将采取以下措施加以改进：",
)

FEES_NONE: tuple[str, ...] = (
    "本年度未收取信息处理费。",
    "本机关依申请提供政府信息，未收取任何费用。",
    "{year}年度，本单位没有产生政府信息公开信息处理费。",
)

FEES_CHARGED: tuple[str, ...] = (
    "按照《政府信息公开信息处理费管理办法》规定，本年度共收取信息处理费{amount}元。",
    "{year}年依申请公开共收取信息处理费{amount}元，已全额上缴国库。",
)

OTHER_EXTRAS: tuple[str, ...] = (
    "全年承办人大代表建议{a}件、政协委员提案{b}件，均已按期办结并公开答复。",
    "本年度无其他需要报告的事项。",
    "积极开展政府开放日活动，邀请群众代表走进机关，面对面听取意见建议。",
)

SITES: tuple[str, ...] = ("政府门户网站", "政府信息公开专栏", "政务公开专栏")
WECHAT: tuple[str, ...] = ("微信公众号", "政务微信")
VIDEO: tuple[str, ...] = ("视频号", "抖音")
GAZETTES: tuple[str, ...] = ("政府公报",)
BOARDS: tuple[str, ...] = ("公开栏", "公告栏", "政务公开栏")
APP_PATTERNS: tuple[str, ...] = ("云上{place}", "掌上{place}", "{place}通", "i{place}")
ACCOUNT_PATTERNS: tuple[str, ...] = ("{place}发布", "{place}政务", "微{place}")
