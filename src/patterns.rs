//! Amounts of money and percentages, found by a single left-to-right scan.

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

fn starts_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
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
    fn not_amounts() {
        assert!(found("一个人在2023年去了三个地方").is_empty());
        assert!(found("一元化").len() <= 1);
        assert!(found("H5游戏与3D").is_empty());
        assert!(found("").is_empty());
        assert!(found("$").is_empty());
        assert!(found("元").is_empty());
    }
}
