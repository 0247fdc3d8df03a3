//! A reuse agreement's status machine, as one table: given the state, the
//! action and who acts (their party's role in the agreement and their role
//! in that organisation), the next state or the named reason why not. The
//! service asks it before every change, the pages ask it which buttons to
//! show, and a test walks every state × action × party × role.
//!
//! The states follow how reuse is contracted between administrations:
//! interest expressed → coordination → terms proposed → signed → active →
//! notice given → ended; before signing the reusing side may withdraw and
//! the providing side may decline.
//!
//! Who may act: a party's publishers and owners act for it; signing binds
//! the administration and needs an owner. Site administrators read every
//! agreement but are no party to any: they change none.

use crate::accounts::dto::Role;

crate::code_set! {
    /// Where an agreement stands; `reuse_agreements.status` allows these.
    pub enum AgreementStatus label = "reuse.status." {
        InterestExpressed = "interest_expressed",
        Coordination = "coordination",
        TermsProposed = "terms_proposed",
        Signed = "signed",
        Active = "active",
        NoticeGiven = "notice_given",
        Ended = "ended",
        Withdrawn = "withdrawn",
        Declined = "declined",
    }
}

crate::code_set! {
    /// A party's place in an agreement.
    pub enum PartyRole label = "reuse.party." {
        Provider = "provider",
        Reuser = "reuser",
        /// FITKO, govdigital and the like, between provider and reusers.
        Intermediary = "intermediary",
    }
}

crate::code_set! {
    /// A step in the status machine.
    pub enum Action label = "reuse.action." {
        /// The provider takes the request up.
        Accept = "accept",
        Decline = "decline",
        Withdraw = "withdraw",
        /// The provider (or the intermediary) puts terms on the table, or
        /// revises them; every signature given so far lapses.
        ProposeTerms = "propose_terms",
        /// A party wants the terms changed: back to coordination, signatures lapse.
        RequestChanges = "request_changes",
        /// One party's confirmation; the last one makes the agreement signed.
        Sign = "sign",
        Activate = "activate",
        GiveNotice = "give_notice",
        End = "end",
    }
}

/// Who acts: the role of their organisation in this agreement (none for an
/// outsider or a site administrator) and their own role in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Acting {
    pub party: Option<PartyRole>,
    pub role: Role,
}

/// Why an action is refused; each names its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("only the agreement's parties may change it")]
    NotAParty,
    #[error("this party may not take this step")]
    WrongParty,
    #[error("acting for the organisation needs the publisher or owner role")]
    NeedsPublisher,
    #[error("signing needs the owner role")]
    NeedsOwner,
    #[error("the agreement is not in a state that allows this step")]
    WrongState,
    #[error("this party has signed already")]
    AlreadySigned,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::NotAParty => "reuse.refusal.not_a_party",
            Refusal::WrongParty => "reuse.refusal.wrong_party",
            Refusal::NeedsPublisher => "reuse.refusal.needs_publisher",
            Refusal::NeedsOwner => "reuse.refusal.needs_owner",
            Refusal::WrongState => "reuse.refusal.wrong_state",
            Refusal::AlreadySigned => "reuse.refusal.already_signed",
        }
    }
}

/// What an allowed action does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    pub to: AgreementStatus,
    /// Signatures given so far lapse (the terms changed or were reopened).
    pub clears_signatures: bool,
    /// The acting party's signature is recorded.
    pub records_signature: bool,
}

/// Where signing stands: has the acting party signed, and is it the last
/// party still missing?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Signatures {
    pub acting_party_signed: bool,
    /// Parties other than the acting one that have not signed yet.
    pub others_missing: usize,
}

impl AgreementStatus {
    /// No step leads out of it.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Ended | Self::Withdrawn | Self::Declined)
    }

    /// It binds the parties: counted as reuse in reports and on the graph.
    pub fn is_in_force(self) -> bool {
        matches!(self, Self::Signed | Self::Active | Self::NoticeGiven)
    }
}

use AgreementStatus as S;
use PartyRole as P;

/// The one transition table.
pub fn transition(
    from: AgreementStatus,
    action: Action,
    acting: Acting,
    signatures: Signatures,
) -> Result<Transition, Refusal> {
    let party = acting.party.ok_or(Refusal::NotAParty)?;
    // Which parties may take the step, and from which states.
    let (parties, states): (&[PartyRole], &[AgreementStatus]) = match action {
        Action::Accept => (&[P::Provider], &[S::InterestExpressed]),
        Action::Decline => (&[P::Provider], &[S::InterestExpressed, S::Coordination]),
        Action::Withdraw => (&[P::Reuser], &[S::InterestExpressed, S::Coordination, S::TermsProposed]),
        Action::ProposeTerms => (&[P::Provider, P::Intermediary], &[S::Coordination, S::TermsProposed]),
        Action::RequestChanges => (&[P::Provider, P::Reuser, P::Intermediary], &[S::TermsProposed]),
        Action::Sign => (&[P::Provider, P::Reuser, P::Intermediary], &[S::TermsProposed]),
        Action::Activate => (&[P::Provider], &[S::Signed]),
        Action::GiveNotice => (&[P::Provider, P::Reuser], &[S::Active]),
        Action::End => (&[P::Provider, P::Reuser], &[S::NoticeGiven]),
    };
    if !parties.contains(&party) {
        return Err(Refusal::WrongParty);
    }
    let needed = if action == Action::Sign {
        Role::Owner
    } else {
        Role::Publisher
    };
    if acting.role < needed {
        return Err(if needed == Role::Owner {
            Refusal::NeedsOwner
        } else {
            Refusal::NeedsPublisher
        });
    }
    if !states.contains(&from) {
        return Err(Refusal::WrongState);
    }
    let plain = |to| Transition {
        to,
        clears_signatures: false,
        records_signature: false,
    };
    Ok(match action {
        Action::Accept => plain(S::Coordination),
        Action::Decline => plain(S::Declined),
        Action::Withdraw => plain(S::Withdrawn),
        Action::ProposeTerms => Transition {
            clears_signatures: true,
            ..plain(S::TermsProposed)
        },
        Action::RequestChanges => Transition {
            clears_signatures: true,
            ..plain(S::Coordination)
        },
        Action::Sign => {
            if signatures.acting_party_signed {
                return Err(Refusal::AlreadySigned);
            }
            Transition {
                to: if signatures.others_missing == 0 {
                    S::Signed
                } else {
                    S::TermsProposed
                },
                clears_signatures: false,
                records_signature: true,
            }
        }
        Action::Activate => plain(S::Active),
        Action::GiveNotice => plain(S::NoticeGiven),
        Action::End => plain(S::Ended),
    })
}

/// The actions `acting` may take now, in the table's order: what a page offers.
pub fn offered(from: AgreementStatus, acting: Acting, signatures: Signatures) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|&a| transition(from, a, acting, signatures).is_ok())
        .collect()
}

/// Who may change the terms: a publisher or owner of any party while the
/// parties coordinate. Terms on the table change only after "request
/// changes" has sent them back, so that nobody signs terms that change
/// underneath the signature.
pub fn edit_terms(from: AgreementStatus, acting: Acting) -> Result<(), Refusal> {
    acting.party.ok_or(Refusal::NotAParty)?;
    if acting.role < Role::Publisher {
        return Err(Refusal::NeedsPublisher);
    }
    if from != S::Coordination {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

/// Who may keep an agreement's records (add and remove documents, name
/// the party's contact): a publisher or owner of a party until the
/// agreement is over; the signed contract's scan comes after signing.
pub fn keep_records(from: AgreementStatus, acting: Acting) -> Result<(), Refusal> {
    acting.party.ok_or(Refusal::NotAParty)?;
    if acting.role < Role::Publisher {
        return Err(Refusal::NeedsPublisher);
    }
    if from.is_final() {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

/// Who may give or withdraw a party's consent to publish the confidential
/// parts: its owner, in any state (an ended agreement may still be shown).
pub fn consent_to_publish(acting: Acting) -> Result<(), Refusal> {
    acting.party.ok_or(Refusal::NotAParty)?;
    if acting.role < Role::Owner {
        return Err(Refusal::NeedsOwner);
    }
    Ok(())
}

/// Who may open an agreement ("Nachnutzung anfragen"): a publisher or owner
/// of the organisation that wants to reuse; it starts as interest expressed.
pub fn open(role: Role) -> Result<AgreementStatus, Refusal> {
    if role >= Role::Publisher {
        Ok(S::InterestExpressed)
    } else {
        Err(Refusal::NeedsPublisher)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acting(party: Option<PartyRole>, role: Role) -> Acting {
        Acting { party, role }
    }

    #[test]
    fn terms_change_only_while_the_parties_coordinate() {
        for &from in AgreementStatus::ALL {
            for party in [None, Some(P::Provider), Some(P::Reuser), Some(P::Intermediary)] {
                for role in Role::ALL {
                    let want = match (party, role, from) {
                        (None, _, _) => Err(Refusal::NotAParty),
                        (_, Role::Member, _) => Err(Refusal::NeedsPublisher),
                        (_, _, S::Coordination) => Ok(()),
                        _ => Err(Refusal::WrongState),
                    };
                    assert_eq!(
                        edit_terms(from, acting(party, role)),
                        want,
                        "{from:?} {party:?} {role:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn records_are_kept_until_the_end_and_consent_is_the_owners() {
        let over = [S::Ended, S::Withdrawn, S::Declined];
        for &from in AgreementStatus::ALL {
            for party in [None, Some(P::Provider), Some(P::Reuser), Some(P::Intermediary)] {
                for role in Role::ALL {
                    let records = match (party, role) {
                        (None, _) => Err(Refusal::NotAParty),
                        (_, Role::Member) => Err(Refusal::NeedsPublisher),
                        _ if over.contains(&from) => Err(Refusal::WrongState),
                        _ => Ok(()),
                    };
                    let consent = match (party, role) {
                        (None, _) => Err(Refusal::NotAParty),
                        (_, Role::Owner) => Ok(()),
                        _ => Err(Refusal::NeedsOwner),
                    };
                    let who = acting(party, role);
                    assert_eq!(keep_records(from, who), records, "{from:?} {party:?} {role:?}");
                    assert_eq!(consent_to_publish(who), consent, "{party:?} {role:?}");
                }
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in AgreementStatus::ALL {
            assert_eq!(AgreementStatus::from_code(s.code()), Some(*s));
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.code()));
        }
        for a in Action::ALL {
            assert_eq!(Action::from_code(a.code()), Some(*a));
        }
        for p in PartyRole::ALL {
            assert_eq!(PartyRole::from_code(p.code()), Some(*p));
        }
    }

    /// Every state × action × party (and none) × role × signing state: the
    /// table's answer is the one written out here, independently.
    #[test]
    fn every_step_by_every_party_and_role_in_every_state() {
        let mut allowed = 0;
        for &from in AgreementStatus::ALL {
            for &action in Action::ALL {
                for party in [None, Some(P::Provider), Some(P::Reuser), Some(P::Intermediary)] {
                    for role in Role::ALL {
                        for signatures in [
                            Signatures::default(),
                            Signatures {
                                acting_party_signed: false,
                                others_missing: 2,
                            },
                            Signatures {
                                acting_party_signed: true,
                                others_missing: 1,
                            },
                        ] {
                            let got = transition(from, action, acting(party, role), signatures);
                            let want = expected(from, action, party, role, signatures);
                            assert_eq!(
                                got.map(|t| t.to),
                                want,
                                "{from:?} {action:?} {party:?} {role:?} {signatures:?}"
                            );
                            allowed += usize::from(got.is_ok());
                        }
                    }
                }
            }
        }
        assert!(allowed > 0);
    }

    /// The rules in words, written apart from the table.
    fn expected(
        from: AgreementStatus,
        action: Action,
        party: Option<PartyRole>,
        role: Role,
        sig: Signatures,
    ) -> Result<AgreementStatus, Refusal> {
        let Some(party) = party else {
            return Err(Refusal::NotAParty);
        };
        let party_ok = match action {
            Action::Accept | Action::Decline | Action::Activate => party == P::Provider,
            Action::Withdraw => party == P::Reuser,
            Action::ProposeTerms => party != P::Reuser,
            Action::GiveNotice | Action::End => party != P::Intermediary,
            Action::RequestChanges | Action::Sign => true,
        };
        if !party_ok {
            return Err(Refusal::WrongParty);
        }
        if action == Action::Sign && role != Role::Owner {
            return Err(Refusal::NeedsOwner);
        }
        if role == Role::Member {
            return Err(Refusal::NeedsPublisher);
        }
        let next = match (action, from) {
            (Action::Accept, S::InterestExpressed) => S::Coordination,
            (Action::Decline, S::InterestExpressed | S::Coordination) => S::Declined,
            (Action::Withdraw, S::InterestExpressed | S::Coordination | S::TermsProposed) => S::Withdrawn,
            (Action::ProposeTerms, S::Coordination | S::TermsProposed) => S::TermsProposed,
            (Action::RequestChanges, S::TermsProposed) => S::Coordination,
            (Action::Sign, S::TermsProposed) if sig.acting_party_signed => return Err(Refusal::AlreadySigned),
            (Action::Sign, S::TermsProposed) if sig.others_missing == 0 => S::Signed,
            (Action::Sign, S::TermsProposed) => S::TermsProposed,
            (Action::Activate, S::Signed) => S::Active,
            (Action::GiveNotice, S::Active) => S::NoticeGiven,
            (Action::End, S::NoticeGiven) => S::Ended,
            _ => return Err(Refusal::WrongState),
        };
        Ok(next)
    }

    #[test]
    fn final_states_lead_nowhere_and_changed_terms_need_new_signatures() {
        for &from in AgreementStatus::ALL.iter().filter(|s| s.is_final()) {
            for party in PartyRole::ALL {
                assert!(offered(from, acting(Some(*party), Role::Owner), Signatures::default()).is_empty());
            }
        }
        let owner = |p| acting(Some(p), Role::Owner);
        let revise = transition(
            S::TermsProposed,
            Action::ProposeTerms,
            owner(P::Provider),
            Signatures::default(),
        )
        .unwrap();
        assert!(revise.clears_signatures);
        let reopen = transition(
            S::TermsProposed,
            Action::RequestChanges,
            owner(P::Reuser),
            Signatures::default(),
        )
        .unwrap();
        assert!(reopen.clears_signatures && reopen.to == S::Coordination);
        let sign = transition(S::TermsProposed, Action::Sign, owner(P::Reuser), Signatures::default()).unwrap();
        assert!(sign.records_signature && !sign.clears_signatures);
    }

    #[test]
    fn a_page_offers_what_the_table_allows() {
        let publisher = acting(Some(P::Provider), Role::Publisher);
        assert_eq!(
            offered(S::InterestExpressed, publisher, Signatures::default()),
            vec![Action::Accept, Action::Decline]
        );
        let reuser_owner = acting(Some(P::Reuser), Role::Owner);
        assert_eq!(
            offered(S::TermsProposed, reuser_owner, Signatures::default()),
            vec![Action::Withdraw, Action::RequestChanges, Action::Sign]
        );
        assert!(offered(S::Active, acting(None, Role::Owner), Signatures::default()).is_empty());
        assert_eq!(open(Role::Member), Err(Refusal::NeedsPublisher));
        assert_eq!(open(Role::Publisher), Ok(S::InterestExpressed));
    }
}
