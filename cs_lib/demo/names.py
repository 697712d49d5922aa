"""Japanese company and person names for the demo data, unique and reproducible.

A company name is a head, a middle and a suffix that fits the industry
(東洋 + 精密 + 工業), with 株式会社 before or after it. The grid holds 21,000
names per industry, enough for the largest demo size.
"""

from __future__ import annotations

import numpy as np

HEADS = (
    "東洋", "日本", "大和", "富士", "三和", "昭和", "中央", "北斗", "青葉", "桜井", "朝日", "光陽", "若葉",
    "平和", "双葉", "宝", "大同", "明治", "共栄", "協和", "第一", "新光", "旭", "興和", "千代田", "湘南",
    "浪速", "筑紫", "みなと", "ひかり", "さくら", "瑞穂", "扇屋", "泉", "松風", "白鷺", "東邦", "西邦",
    "北陸", "常盤", "高砂", "丸菱", "山久", "角丸", "信濃", "加賀", "出雲", "阿波", "豊", "日進", "アルファ",
    "ネクスト", "サンライズ", "ブルー", "グリーン", "スカイ", "フューチャー", "ユニオン", "ミライ", "アーク",
    "ノース", "ウエスト", "エース", "クレスト", "トップ", "ライズ", "オーシャン", "ステラ", "コスモ", "リバー",
)
MIDDLES = (
    "精密", "総合", "産業", "技研", "通商", "物産", "開発", "企画", "共同", "国際", "創研", "日東", "三協",
    "東和", "中部", "関西", "九州", "北海", "新和", "大成", "栄光", "双和", "明和", "昭栄", "和光", "誠和",
    "プラス", "ワークス", "リンク", "ブリッジ", "ウェーブ", "フロンティア", "クロス", "スマート", "ベース",
    "ライフ", "ネクサス", "コア", "ビジョン", "ハーモニー", "トラスト", "パシフィック", "アジア", "グローバル",
    "ユニバーサル", "セントラル", "ニュー", "テクノ", "メディア", "ファースト",
)
INDUSTRY_SUFFIXES = {
    "製造": ("工業", "製作所", "精機", "化学", "電子", "機械"),
    "小売": ("商店", "ストア", "リテール", "百貨店", "販売", "マート"),
    "金融": ("証券", "ファイナンス", "キャピタル", "リース", "保険", "カード"),
    "情報通信": ("システムズ", "ソリューションズ", "テクノロジーズ", "ネットワークス", "ソフト", "情報サービス"),
    "医療・福祉": ("メディカル", "ケアサービス", "ヘルスケア", "薬品", "ライフケア", "医療サービス"),
    "物流": ("運輸", "物流", "ロジスティクス", "倉庫", "エクスプレス", "海運"),
    "建設": ("建設", "工務店", "建設工業", "住宅", "ハウス", "設備"),
    "教育": ("教育", "ゼミナール", "アカデミー", "学習社", "エデュケーション", "出版"),
}
LEGAL_FORMS = ("株式会社{}", "{}株式会社")

SURNAMES = (
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
    "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川",
    "山下", "中島", "石井", "小川", "前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木",
    "坂本", "福田", "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野", "三浦", "原田",
)
GIVEN_NAMES = (
    "翔太", "健太", "大輔", "拓也", "直樹", "亮", "誠", "学", "浩二", "剛", "陽介", "悠斗", "蓮", "大樹",
    "和也", "美咲", "陽子", "裕子", "恵", "彩", "真由美", "麻衣", "結衣", "葵", "さくら", "優子", "由美",
    "愛", "奈々", "千尋", "智子", "香織", "舞", "遥", "沙織", "達也", "修", "隆", "聡", "雅人",
)


def company_names(rng: np.random.Generator, industry: np.ndarray, industry_count: int) -> np.ndarray:
    """A unique name per account, drawn without replacement from its industry's grid.

    The legal form is drawn apart from the grid, so that 株式会社X and X株式会社
    never both appear.
    """
    suffix_lists = list(INDUSTRY_SUFFIXES.values())
    result = np.empty(len(industry), dtype=object)
    for code in range(industry_count):
        rows = np.flatnonzero(industry == code)
        suffixes = suffix_lists[code]
        shape = (len(HEADS), len(MIDDLES), len(suffixes))
        if len(rows) > np.prod(shape):
            raise ValueError(f"too many accounts in one industry for unique names: {len(rows)}")
        picks = np.unravel_index(rng.choice(np.prod(shape), len(rows), replace=False), shape)
        forms = rng.choice(len(LEGAL_FORMS), len(rows), p=(0.6, 0.4))
        result[rows] = [
            LEGAL_FORMS[form].format(HEADS[head] + MIDDLES[middle] + suffixes[suffix])
            for head, middle, suffix, form in zip(*picks, forms, strict=True)
        ]
    return result


def person_names(rng: np.random.Generator, count: int) -> np.ndarray:
    """Unique 'surname given-name' pairs, for CSMs and survey respondents."""
    grid = len(SURNAMES) * len(GIVEN_NAMES)
    if count > grid:
        raise ValueError(f"at most {grid} distinct person names, {count} asked")
    surname, given = np.divmod(rng.choice(grid, count, replace=False), len(GIVEN_NAMES))
    return np.array([f"{SURNAMES[s]} {GIVEN_NAMES[g]}" for s, g in zip(surname, given, strict=True)], dtype=object)
