//! The sales life cycle's rules: when a prospect becomes a lead by itself, and what moving an
//! opportunity between pipeline stages does to its close date and lost reason.

/// The status a prospect or lead gets when it is converted (workspace settings must keep it).
pub const CONVERTED: &str = "converted";

/// Input channels whose prospects are promoted to leads once they can be reached.
pub const CHAT_CHANNELS: [&str; 2] = ["zalo", "facebook"];

/// Whether a prospect is promoted to a lead automatically: it came in through a chat channel
/// (`zalo`, `facebook`; PRODUCT §2.6, §8) and has just gained a phone (`has_phone`) or an
/// e-mail address (`has_email`) — a follower who left a way to reach them is a lead.
pub fn should_promote(input_source: Option<&str>, has_phone: bool, has_email: bool) -> bool {
    input_source.is_some_and(|s| CHAT_CHANNELS.contains(&s)) && (has_phone || has_email)
}

/// What a pipeline stage means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Still being worked on.
    Open,
    /// Closed with a sale.
    Won,
    /// Closed without a sale.
    Lost,
}

impl Outcome {
    /// Parses the stored spelling (`open`, `won`, `lost`).
    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "open" => Some(Outcome::Open),
            "won" => Some(Outcome::Won),
            "lost" => Some(Outcome::Lost),
            _ => None,
        }
    }

    /// Won and lost stages close an opportunity.
    pub fn is_closed(self) -> bool {
        self != Outcome::Open
    }
}

/// What happens to `closed_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosedAt {
    /// Leave it as it is.
    Keep,
    /// Set it to now.
    Stamp,
    /// Clear it.
    Clear,
}

/// The consequences of an opportunity being in (or moving to) a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageMove {
    /// What happens to the close time.
    pub closed_at: ClosedAt,
    /// A lost stage needs a lost reason.
    pub lost_reason_required: bool,
    /// Leaving a lost stage drops the lost reason (unless the same change sets one).
    pub clear_lost_reason: bool,
}

/// The rules of a stage change: `from` is the outcome of the stage the opportunity was in (none
/// when it is being created), `moved` whether its stage changes, `to` the outcome of the stage it
/// ends in, and `has_closed_at` whether it already has a close time.
///
/// Moving to a won or lost stage stamps the close time (so does a closed opportunity that has
/// none); moving back to an open stage clears it; staying in a stage keeps it.
pub fn stage_move(
    from: Option<Outcome>,
    moved: bool,
    to: Outcome,
    has_closed_at: bool,
) -> StageMove {
    let closed_at = match to {
        Outcome::Open if has_closed_at => ClosedAt::Clear,
        Outcome::Open => ClosedAt::Keep,
        _ if moved || !has_closed_at => ClosedAt::Stamp,
        _ => ClosedAt::Keep,
    };
    StageMove {
        closed_at,
        lost_reason_required: to == Outcome::Lost,
        clear_lost_reason: moved && from == Some(Outcome::Lost) && to != Outcome::Lost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_prospects_with_a_way_to_reach_them_are_promoted() {
        assert!(should_promote(Some("zalo"), true, false));
        assert!(should_promote(Some("facebook"), false, true));
        assert!(
            !should_promote(Some("zalo"), false, false),
            "nothing gained"
        );
        for other in ["manual", "import", "webform", "email", "api"] {
            assert!(!should_promote(Some(other), true, true), "{other}");
        }
        assert!(!should_promote(None, true, true));
    }

    #[test]
    fn closing_stamps_reopening_clears() {
        use ClosedAt::*;
        use Outcome::*;
        let m = stage_move(Some(Open), true, Won, false);
        assert_eq!(m.closed_at, Stamp);
        assert!(!m.lost_reason_required && !m.clear_lost_reason);
        let m = stage_move(Some(Open), true, Lost, false);
        assert_eq!((m.closed_at, m.lost_reason_required), (Stamp, true));
        assert_eq!(stage_move(Some(Won), false, Won, true).closed_at, Keep);
        assert_eq!(
            stage_move(Some(Won), true, Lost, true).closed_at,
            Stamp,
            "closed again"
        );
        assert_eq!(stage_move(Some(Won), false, Won, false).closed_at, Stamp);
        let m = stage_move(Some(Lost), true, Open, true);
        assert_eq!((m.closed_at, m.clear_lost_reason), (Clear, true));
        assert_eq!(stage_move(Some(Open), true, Open, false).closed_at, Keep);
        assert_eq!(
            stage_move(None, true, Won, false).closed_at,
            Stamp,
            "created won"
        );
        assert!(!stage_move(Some(Lost), false, Lost, true).clear_lost_reason);
    }

    #[test]
    fn outcomes_parse() {
        assert_eq!(Outcome::parse("won"), Some(Outcome::Won));
        assert_eq!(Outcome::parse("maybe"), None);
        assert!(Outcome::Lost.is_closed() && !Outcome::Open.is_closed());
    }
}
