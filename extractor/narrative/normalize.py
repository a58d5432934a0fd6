"""Fold traditional characters and pinyin glosses to the simplified text the model was trained on.

Mirror sites publish "公(gong)開" or traditional text, and PDF text layers space the words of a name apart
("某某融媒 微信公众号"). The normalised string keeps a map back to
the original offsets, so every span we report is still a verbatim slice of the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Traditional → simplified for the characters these reports use (opencc is not available here).
_PAIRS = (
    "開开 門门 資资 訊讯 報报 務务 網网 導导 據据 議议 複复 訴诉 號号 條条 積积 極极 計计 範范 規规 劃划 "
    "會会 區区 縣县 鎮镇 鄉乡 級级 單单 專专 項项 實实 現现 發发 辦办 員员 書书 關关 們们 為为 對对 與与 "
    "這这 個个 來来 時时 從从 們们 機机 構构 處处 理理 經经 濟济 建建 設设 響响 應应 將将 進进 過过 還还 "
    "種种 類类 總总 結结 續续 轉转 年年 數数 據据 統统 權权 責责 決决 審审 稽稽 核核 訪访 問问 題题 "
    "強强 點点 斷断 歸归 檔档 錄录 視视 頻频 號号 圖图 說说 讀读 解解 釋释 議议 論论 證证 護护 營营 業业 "
    "許许 罰罚 費费 繳缴 納纳 稅税 財财 預预 餘余 萬万 億亿 幾几 兩两 雙双 與与 產产 參参 觀观 歲岁 "
    "體体 醫医 療疗 藥药 衛卫 險险 災灾 環环 態态 農农 糧粮 鐵铁 運运 車车 輛辆 聯联 絡络 傳传 廣广 "
    "電电 臺台 刊刊 頁页 欄栏 屏屏 觸触 顯显 微微 博博 眾众 號号 眾众 媒媒 體体 軟软 觀观 塊块 "
    "監监 督督 評评 價价 考考 試试 練练 習习 講讲 訓训 組组 織织 領领 導导 負负 擔担 職职 責责 "
    "標标 準准 規规 則则 當当 動动 態态 務务 門门 戶户 詢询 覆复 請请 申申 駁驳 補补 齊齐 維维 糾纠 "
    "錯错 敗败 訟讼 裁裁 舉举 報报 投投 訴诉 屬属 於于 該该 節节 簡简 況况 歷历 綫线 線线 邊边 壞坏 "
    "準准 確确 紀纪 錄录 閱阅 覽览 辦办 齡龄 勞劳 動动 災灾 穩稳 細细 優优 質质 務务 協协 調调 "
    "獲获 廳厅 傳传 遞递 採采 購购 覽览 載载 發发 佈布 刪删 除除 備备 溝沟 頭头 條条 無无 東东 陽阳 "
    "葉叶 縣县 蘭兰 灣湾 門门 島岛 廈厦 龍龙 華华 亞亚 義义 黨党 團团 鄰邻 風风 興兴 麗丽 歡欢 "
)
_T2S: dict[str, str] = {}
for _pair in _PAIRS.split():
    if len(_pair) == 2 and _pair[0] != _pair[1]:
        _T2S[_pair[0]] = _pair[1]
T2S_TABLE = str.maketrans(_T2S)

# "公(gong)開", "公（gōng）开": a Latin gloss in brackets right after a Han character.
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[1-5]?[)）]")
# A PDF text layer puts spaces between the words of one name ("某某融媒 微信公众号", "“某某发布” 公众号"):
# Chinese sets no space between words, so a space between two Han characters (or a closing quote or title mark
# and a Han character) is layout, dropped like the gloss. Spaces next to digits or Latin letters stay
# ("2024 年", "393 件" are printed forms the values keep).
_LAYOUT_SPACE = re.compile(r"(?<=[\u4e00-\u9fff”》])[ \u3000\u00a0]+(?=[\u4e00-\u9fff“《])")


@dataclass(frozen=True)
class Normalized:
    """`text` for the model; `origin[i]` is the source offset of text[i] (one extra slot for the end)."""

    text: str
    origin: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the normalised slice [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Drop pinyin glosses and layout spaces between Han characters, and map traditional characters one for one;
    the result maps back exactly."""
    keep: list[int] = []
    cursor = 0
    pieces: list[str] = []
    drops = sorted([*_PINYIN_GLOSS.finditer(text), *_LAYOUT_SPACE.finditer(text)], key=lambda m: m.start())
    for match in drops:
        pieces.append(text[cursor : match.start()])
        keep.extend(range(cursor, match.start()))
        cursor = match.end()
    pieces.append(text[cursor:])
    keep.extend(range(cursor, len(text)))
    keep.append(len(text))
    folded = "".join(pieces).translate(T2S_TABLE)
    return Normalized(text=folded, origin=tuple(keep))
