"""Text normalisation for table labels before classification.

Real labels drift in punctuation, width, quotes and spacing; mirror sites add traditional
characters and pinyin in brackets ("公(gong)開"). All of that is folded here, once, so that the
classifier and the training data see the same form.
"""

from __future__ import annotations

import re
import unicodedata

# Traditional → simplified for the characters that occur in these tables (mirror copies).
_TRAD = str.maketrans(
    "開規範執變處門請務結轉計總與團體會機構準數屬於國祕密護權雜資訊關濟權現實個這為過當時從來統發廢齊"
    "項內設區應實際職責費採購額壓強據於並讓議說複審訴訟經駁糾維盡",
    "开规范执变处门请务结转计总与团体会机构准数属于国秘密护权杂资讯关济权现实个这为过当时从来统发废齐"
    "项内设区应实际职责费采购额压强据于并让议说复审诉讼经驳纠维尽",
)
_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
_SPACE = re.compile(r"\s+")


def normalize_label(text: str) -> str:
    """NFKC, simplified characters, no pinyin glosses, straight quotes, no whitespace."""
    text = _PINYIN.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TRAD)
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return _SPACE.sub("", text)
