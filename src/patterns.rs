//! Amounts of money and percentages, found by a single left-to-right scan; and cues of
//! comparison, rank and market players (see [`cues`]).

use crate::classify::Pattern;

/// Currency words that may follow a number (longest first where one is a prefix of another).
const CURRENCIES: &[&str] = &[
    "美元",
    "美金",
    "人民币",
    "港元",
    "港币",
    "日元",
    "欧元",
    "英镑",
    "韩元",
    "卢比",
    "印尼盾",
    "越南盾",
    "新台币",
    "新加坡元",
    "新元",
    "令吉",
    "比索",
    "泰铢",
    "卢布",
    "块钱",
    "元",
    "块",
    "dollars",
    "dollar",
    "usd",
    "rmb",
    "yuan",
];
/// Symbols that may precede a number.
const PREFIXES: &[&str] = &["US$", "HK$", "S$", "RM", "Rp", "$", "¥", "￥", "€", "£"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A digit, or a number word that makes a Chinese amount (十亿, 数百万, 两千).
#[inline]
fn is_number_char(c: char) -> bool {
    is_digit(c)
        || matches!(
            c,
            '零' | '〇'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '两'
                | '数'
                | '几'
        )
}

/// The amounts (`@money`) and percentages (`@percent`) in `text`, as byte spans.
pub fn amounts(text: &str) -> Vec<(usize, usize, Pattern)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        // most characters start neither a number nor a currency symbol: skip them fast
        if !is_number_char(c) && !matches!(c, '$' | '¥' | '￥' | '€' | '£' | 'U' | 'H' | 'S' | 'R') {
            i += c.len_utf8();
            continue;
        }
        // a currency symbol directly before a digit
        if let Some(p) = PREFIXES.iter().find(|p| rest.starts_with(**p)) {
            let after = &rest[p.len()..];
            let after = after.strip_prefix(' ').unwrap_or(after);
            if after.chars().next().is_some_and(is_digit) {
                let num_end = i + (rest.len() - after.len()) + number_len(after);
                let end = num_end + unit_len(&text[num_end..]);
                out.push((i, end, Pattern::Money));
                i = end;
                continue;
            }
        }
        if is_number_char(c) && !(i > 0 && is_word_byte(bytes[i - 1])) {
            let len = number_len(rest);
            let has_digit_or_scale = rest[..len].chars().any(|c| is_digit(c) || "十百千万亿".contains(c));
            let mut end = i + len;
            end += unit_len(&text[end..]);
            let tail = &text[end..];
            if has_digit_or_scale && len > 0 {
                if let Some(cur) = CURRENCIES.iter().find(|cur| starts_with_ci(tail, cur)) {
                    let end = end + cur.len();
                    out.push((i, end, Pattern::Money));
                    i = end;
                    continue;
                }
                if let Some(pct) = ["%", "％", "个百分点", "百分点"]
                    .into_iter()
                    .find(|p| tail.starts_with(p))
                {
                    let end = end + pct.len();
                    out.push((i, end, Pattern::Percent));
                    i = end;
                    continue;
                }
            }
            if rest.starts_with("百分之") {
                let end = i + "百分之".len();
                let more = number_len(&text[end..]);
                if more > 0 {
                    out.push((i, end + more, Pattern::Percent));
                    i = end + more;
                    continue;
                }
            }
            i += len.max(c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    out
}

/// Words that close a comparison opened by 与/和/跟 (与 X 相比, 和 Y 不同).
const COMPARE_ENDS: &[&str] = &[
    "相比",
    "相较",
    "比较",
    "比起来",
    "不同",
    "一样",
    "类似",
    "相似",
    "相同",
    "一致",
    "差不多",
    "持平",
    "相当",
    "齐名",
    "并列",
    "并称",
    "之间的差距",
    "的差距",
];
/// What follows `X 比 Y`: 更, 多, 高, 领先….
const BI_ENDS: &[&str] = &[
    "更", "还", "要", "多", "少", "高", "低", "大", "小", "快", "慢", "强", "弱", "好", "差", "早", "晚", "领先",
    "落后",
];
/// Characters before 比 that make it part of another word (对比, 占比, 同比, 性价比…).
const BI_NOT_AFTER: &str = "对相占同环无好类正反日年可攀评堪价分出不";
/// Characters after 比 that make it part of another word (比如, 比例, 比亚迪…).
const BI_NOT_BEFORE: &str = "如例较重率赛拼价特肩值亚分基";
/// What may follow 第N to make a rank (第二大, 第一名, 第一梯队).
const RANK_NOUNS: &[&str] = &["大", "名", "位", "梯队", "把交椅", "阵营", "股", "极", "家"];
/// Words that lead to a rank (排名第三, 位列全球第二).
const RANK_LEADS: &[&str] = &[
    "排名", "排在", "位列", "位居", "名列", "跻身", "居于", "位于", "排行", "排第",
];
/// Words naming several players of a market as a class (各大平台, 其他车企).
const PLAYER_LEADS: &[&str] = &[
    "各大", "几大", "两大", "三大", "多家", "各家", "几家", "数家", "两家", "三家", "主流", "其他", "其它", "同类",
    "本土", "国产", "众多", "诸多",
];
/// The players themselves.
const PLAYER_NOUNS: &[&str] = &[
    "厂商",
    "平台",
    "企业",
    "公司",
    "车企",
    "玩家",
    "巨头",
    "品牌",
    "电商",
    "app",
    "服务商",
    "对手",
];

/// How the title of a law, rule or decree ends (《电子商务法》, 《…管理规定》, 《…指导意见》).
const LAW_ENDS: &[&str] = &[
    "法",
    "法案",
    "法令",
    "条例",
    "规定",
    "办法",
    "规则",
    "细则",
    "准则",
    "指南",
    "指引",
    "意见",
    "通知",
    "决定",
    "公约",
    "禁令",
    "承诺书",
    "决定书",
    "意见稿",
    "草案",
];

/// The end (byte offset into `rest`, after its `》`) of a title just opened by `《` that names
/// a law, rule or decree: it ends in one of [`LAW_ENDS`], before a parenthesis such as
/// （草案） or （试行） if it has one. Book, film and newspaper titles do not.
fn law_title(rest: &str) -> Option<usize> {
    let close = rest.char_indices().take(60).find(|&(_, c)| c == '》' || c == '《')?;
    if close.1 != '》' {
        return None;
    }
    let title = &rest[..close.0];
    // a closing parenthesis: the title before it, and its note (草案, 试行, 征求意见稿)
    let (stem, note) = title
        .strip_suffix('）')
        .and_then(|t| t.rfind('（').map(|k| (&t[..k], &t[k + '（'.len_utf8()..])))
        .unwrap_or((title, ""));
    LAW_ENDS
        .iter()
        .any(|e| stem.ends_with(e) || note.ends_with(e))
        .then_some(close.0 + '》'.len_utf8())
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | ',' | ';' | '！' | '？' | '!' | '?' | '：' | ':' | '\n'
    )
}

/// The end (byte offset into `rest`) of the first of `ends` that starts within `max_chars`
/// characters of `rest`, after at least `min_chars`, in the same clause.
fn ahead(rest: &str, min_chars: usize, max_chars: usize, ends: &[&str]) -> Option<usize> {
    for (k, (j, c)) in rest.char_indices().enumerate() {
        if k > max_chars || is_clause_break(c) {
            break;
        }
        if k < min_chars {
            continue;
        }
        if let Some(e) = ends.iter().find(|e| starts_with_ci(&rest[j..], e)) {
            return Some(j + e.len());
        }
    }
    None
}

/// Comparison (`@compare`), rank (`@rank`) and market-player (`@players`) cues in `text`, as
/// byte spans: structures a lexicon term cannot express, because their words are apart
/// (与 X 相比, X 比 Y 更, 排名全球第二) or common on their own (其他 + 厂商).
pub fn cues(text: &str) -> Vec<(usize, usize, Pattern)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let rest = &text[i..];
        let after = &rest[c.len_utf8()..];
        match c {
            '与' | '和' | '跟' => {
                if let Some(e) = ahead(after, 1, 20, COMPARE_ENDS) {
                    out.push((i, i + c.len_utf8() + e, Pattern::Compare));
                }
            }
            '比' if !prev.is_some_and(|p| BI_NOT_AFTER.contains(p))
                && !after.chars().next().is_some_and(|n| BI_NOT_BEFORE.contains(n)) =>
            {
                if let Some(e) = ahead(after, 1, 12, BI_ENDS) {
                    out.push((i, i + c.len_utf8() + e, Pattern::Compare));
                }
            }
            '而' => {
                if let Some(e) = ahead(after, 1, 15, &["则"]) {
                    out.push((i, i + c.len_utf8() + e, Pattern::Compare));
                }
            }
            '前' if rest.starts_with("前者") && after.contains("后者") => {
                out.push((i, i + "前者".len(), Pattern::Compare));
            }
            '第' | '前' => {
                let n = after
                    .char_indices()
                    .take_while(|&(_, d)| is_digit(d) || "一二三四五六七八九十两".contains(d))
                    .last()
                    .map_or(0, |(j, d)| j + d.len_utf8());
                if n > 0 && n <= 9 {
                    let tail = &after[n..];
                    let nouns: &[&str] = if c == '第' {
                        RANK_NOUNS
                    } else {
                        &["名", "位", "大", "强"]
                    };
                    if let Some(noun) = nouns.iter().find(|w| tail.starts_with(**w)) {
                        out.push((i, i + c.len_utf8() + n + noun.len(), Pattern::Rank));
                    }
                }
            }
            'T' | 't' | 'N' | 'n' => {
                for lead in ["top", "no."] {
                    if starts_with_ci(rest, lead) && !prev.is_some_and(|p| p.is_ascii_alphabetic()) {
                        let tail = &rest[lead.len()..];
                        let tail = tail.strip_prefix(' ').unwrap_or(tail);
                        if tail.chars().next().is_some_and(is_digit) {
                            let end = i + (rest.len() - tail.len()) + number_len(tail);
                            out.push((i, end, Pattern::Rank));
                        }
                    }
                }
            }
            '《' => {
                if let Some(e) = law_title(after) {
                    out.push((i, i + c.len_utf8() + e, Pattern::Law));
                }
            }
            _ => {}
        }
        // only a few characters start a lead word: skip the lookups for all others
        let rank_lead = matches!(c, '排' | '位' | '名' | '跻' | '居');
        let player_lead = matches!(
            c,
            '各' | '几' | '两' | '三' | '多' | '数' | '主' | '其' | '同' | '本' | '国' | '众' | '诸'
        );
        if let Some(lead) = RANK_LEADS.iter().find(|l| rank_lead && rest.starts_with(**l)) {
            if let Some(e) = ahead(&rest[lead.len()..], 0, 8, &["第"]) {
                out.push((i, i + lead.len() + e, Pattern::Rank));
            }
        }
        if let Some(lead) = PLAYER_LEADS.iter().find(|l| player_lead && rest.starts_with(**l)) {
            if let Some(e) = ahead(&rest[lead.len()..], 0, 6, PLAYER_NOUNS) {
                out.push((i, i + lead.len() + e, Pattern::Players));
            }
        } else if c == '家' && prev.is_some_and(is_digit) {
            if let Some(e) = ahead(after, 0, 6, PLAYER_NOUNS) {
                out.push((i, i + c.len_utf8() + e, Pattern::Players));
            }
        }
        prev = Some(c);
    }
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

/// Length of a number: digits, Chinese numerals, and `.`/`,`/`．` between digits.
fn number_len(s: &str) -> usize {
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_number_char(c) {
            end = i + c.len_utf8();
        } else if matches!(c, '.' | ',' | '．' | '，')
            && end == i
            && end > 0
            && chars.peek().is_some_and(|&(_, n)| is_digit(n))
            && s[..i].chars().last().is_some_and(is_digit)
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// Length of what may sit between a number and its currency: 多, 余, 万, 亿, a space, and
/// scale words like `billion`.
fn unit_len(s: &str) -> usize {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if "多余万亿千百 ".contains(c) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    for scale in ["billion", "million", "bn", "m", "k"] {
        if starts_with_ci(&s[end..], scale) {
            let after = &s[end + scale.len()..];
            if !after.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                end += scale.len();
                end += after.len() - after.trim_start_matches(' ').len();
                break;
            }
        }
    }
    end
}

// (inlined: the cue scans try every end word at every character of a clause)
#[inline(always)]
fn starts_with_ci(s: &str, p: &str) -> bool {
    let (s, p) = (s.as_bytes(), p.as_bytes());
    s.len() >= p.len() && s.iter().zip(p).all(|(a, b)| a.eq_ignore_ascii_case(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Pattern)> {
        amounts(text).into_iter().map(|(s, e, p)| (&text[s..e], p)).collect()
    }

    #[test]
    fn money() {
        assert_eq!(found("GMV达到3.25亿美元。"), [("3.25亿美元", Pattern::Money)]);
        assert_eq!(found("投资数十亿元"), [("数十亿元", Pattern::Money)]);
        assert_eq!(found("售价$50左右"), [("$50", Pattern::Money)]);
        assert_eq!(found("raised US$ 1.5 billion"), [("US$ 1.5 billion", Pattern::Money)]);
        assert_eq!(found("１２０万元"), [("１２０万元", Pattern::Money)]);
        assert_eq!(found("10,000元"), [("10,000元", Pattern::Money)]);
        assert_eq!(found("5 billion dollars"), [("5 billion dollars", Pattern::Money)]);
    }

    #[test]
    fn percent() {
        assert_eq!(
            found("份额为12%,下降3个百分点"),
            [("12%", Pattern::Percent), ("3个百分点", Pattern::Percent)]
        );
        assert_eq!(found("百分之三十"), [("百分之三十", Pattern::Percent)]);
    }

    #[test]
    fn comparison_rank_and_players() {
        let cues = |t: &'static str| -> Vec<(&'static str, Pattern)> {
            cues(t).into_iter().map(|(s, e, p)| (&t[s..e], p)).collect()
        };
        assert_eq!(
            cues("与B站和快手相比，相去甚远"),
            [("与B站和快手相比", Pattern::Compare), ("和快手相比", Pattern::Compare)]
        );
        assert_eq!(cues("抖音比快手更早入局"), [("比快手更", Pattern::Compare)]);
        assert!(cues("占比高达90%，同比增长，比如对比").is_empty());
        assert_eq!(cues("而后者则更好"), [("而后者则", Pattern::Compare)]);
        assert_eq!(cues("国内第二大云厂商"), [("第二大", Pattern::Rank)]);
        assert_eq!(cues("排名全球第三"), [("排名全球第", Pattern::Rank)]);
        assert_eq!(cues("用户规模TOP20的平台"), [("TOP20", Pattern::Rank)]);
        assert!(cues("第三方，前三季度，第一次").is_empty());
        assert_eq!(cues("各大云计算厂商之间"), [("各大云计算厂商", Pattern::Players)]);
        assert_eq!(
            cues("日本的《移动软件竞争促进法》"),
            [("《移动软件竞争促进法》", Pattern::Law)]
        );
        assert_eq!(
            cues("《网络游戏管理办法（草案征求意见稿）》和《算法推荐管理规定（试行）》"),
            [
                ("《网络游戏管理办法（草案征求意见稿）》", Pattern::Law),
                ("《算法推荐管理规定（试行）》", Pattern::Law)
            ]
        );
        assert_eq!(
            cues("《关于…的意见（征求意见稿）》"),
            [("《关于…的意见（征求意见稿）》", Pattern::Law)]
        );
        // books, films, newspapers, and a title never closed
        assert!(cues("《华尔街日报》《孙子兵书》《哪吒（上）》《数字市场法").is_empty());
        assert_eq!(
            cues("对比12家主流互联网上市公司"),
            [("主流互联网上市公司", Pattern::Players)]
        );
    }

    #[test]
    fn not_amounts() {
        assert!(found("一个人在2023年去了三个地方").is_empty());
        assert!(found("一元化").len() <= 1);
        assert!(found("H5游戏与3D").is_empty());
        assert!(found("").is_empty());
        assert!(found("$").is_empty());
        assert!(found("元").is_empty());
    }
}
