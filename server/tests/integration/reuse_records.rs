//! An agreement's confidential records through the service, against the
//! database: documents taken by their content (anything else refused with
//! nothing stored), served only while their bytes match the stored
//! SHA-256; contacts chosen from a party's members; and the confidential
//! parts public only while every party consents.

use super::reuse_agreements::{count, world, World};
use allmende_server::db::sql;
use allmende_server::kernel::AgreementId;
use allmende_server::reuse::Upload;
use app::error::{AppError, FieldError};
use app::reuse::documents::{samples, DocumentType, MAX_BYTES};
use app::reuse::terms_form::Terms;
use app::reuse::workflow::Action;
use sha2::{Digest, Sha256};

const DOCUMENTS: &str = "SELECT count(*) AS value FROM agreement_documents";

fn upload(name: &str, bytes: Vec<u8>) -> Upload {
    Upload {
        title: String::new(),
        file_name: name.to_owned(),
        bytes,
    }
}

/// An agreement between the world's provider and reuser, accepted: the
/// parties coordinate.
async fn coordinating(w: &World) -> AgreementId {
    let id = w
        .reuse
        .request_reuse(&w.reuser_publisher, None, w.request(w.reuser))
        .await
        .unwrap();
    w.step(&w.provider_publisher, id, w.provider, Action::Accept, 1)
        .await
        .unwrap();
    id
}

async fn version(w: &World, id: AgreementId) -> i32 {
    w.reuse.agreement(None, id).await.unwrap().version
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_are_taken_by_their_content_and_served_only_as_stored() {
    let w = world().await;
    let id = coordinating(&w).await;
    let pdf = samples::pdf();
    let document = w
        .reuse
        .add_document(
            &w.reuser_publisher,
            None,
            id,
            w.reuser,
            upload("C:\\Akten\\Vertrag.pdf", pdf.clone()),
        )
        .await
        .unwrap();
    let view = w.reuse.agreement(Some(&w.provider_owner), id).await.unwrap();
    let listed = &view.documents.as_ref().unwrap()[0];
    assert_eq!(listed.file_name, "Vertrag.pdf", "the browser's path is dropped");
    assert_eq!(listed.title, "Vertrag.pdf");
    assert_eq!(listed.kind, DocumentType::Pdf);
    assert_eq!(listed.size_bytes, pdf.len() as i64);
    assert_eq!(listed.sha256, hex::encode(Sha256::digest(&pdf)));
    assert_eq!(listed.uploaded_by.as_deref(), Some("Rolf Husum"));
    assert_eq!(listed.removable_for, None, "the provider did not add it");
    assert!(view.history.last().unwrap().changed_fields == ["documents"]);

    // Refused by content, whatever the name says; nothing stored, no version.
    let before = (count(&w.db, DOCUMENTS).await, version(&w, id).await);
    let docx = samples::zip(&[("[Content_Types].xml", b"<Types/>")]);
    let full = samples::pdf();
    let mut large = samples::pdf();
    large.resize(MAX_BYTES + 1, b' ');
    for (name, bytes, key) in [
        (
            "vertrag.pdf",
            b"<html><script>alert(1)</script>".to_vec(),
            "reuse.documents.error.type",
        ),
        ("vertrag.odt", docx, "reuse.documents.error.type"),
        (
            "vertrag.pdf",
            full[..full.len() - 7].to_vec(),
            "reuse.documents.error.incomplete",
        ),
        ("leer.pdf", Vec::new(), "reuse.documents.error.empty"),
        ("gross.pdf", large, "reuse.documents.error.too_large"),
    ] {
        let refused = w
            .reuse
            .add_document(&w.reuser_publisher, None, id, w.reuser, upload(name, bytes))
            .await;
        assert_eq!(
            refused,
            Err(AppError::Invalid(vec![FieldError::new("datei", key)])),
            "{name}"
        );
    }
    // A plain member and an outsider may not add any.
    for who in [&w.reuser_member, &w.outsider] {
        let refused = w
            .reuse
            .add_document(who, None, id, w.reuser, upload("x.odt", samples::odt()))
            .await;
        assert_eq!(refused, Err(AppError::Forbidden));
    }
    assert_eq!((count(&w.db, DOCUMENTS).await, version(&w, id).await), before);

    // Served to the parties as stored, checksum and all.
    let served = w.reuse.document(Some(&w.provider_owner), id, document).await.unwrap();
    assert_eq!(served.bytes, pdf);
    assert_eq!(served.sha256.to_vec(), Sha256::digest(&pdf).to_vec());
    assert_eq!(served.kind.media_type(), "application/pdf");
    // Outsiders learn nothing; anonymous readers are asked to sign in.
    assert!(matches!(
        w.reuse.document(Some(&w.outsider), id, document).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.reuse.document(None, id, document).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(w.reuse.document(Some(&w.site_admin), id, document).await.is_ok());

    // Bytes changed behind the application's back are never served.
    sql::exec(
        &w.db,
        "UPDATE agreement_documents SET content = overlay(content placing '\\x25'::bytea from 12 for 1) WHERE id = $1",
        [document.into()],
    )
    .await
    .unwrap();
    assert!(matches!(
        w.reuse.document(Some(&w.provider_owner), id, document).await,
        Err(AppError::Internal)
    ));

    // An ODF text from the provider; each party removes only its own.
    let odt = w
        .reuse
        .add_document(
            &w.provider_publisher,
            None,
            id,
            w.provider,
            upload("Leistungsbeschreibung.odt", samples::odt()),
        )
        .await
        .unwrap();
    assert_eq!(
        w.reuse
            .remove_document(&w.provider_publisher, None, id, w.provider, document)
            .await,
        Err(AppError::Forbidden)
    );
    w.reuse
        .remove_document(&w.reuser_publisher, None, id, w.reuser, document)
        .await
        .unwrap();
    let view = w.reuse.agreement(Some(&w.provider_publisher), id).await.unwrap();
    let left = view.documents.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(
        (left[0].id.as_str(), left[0].kind),
        (odt.to_string().as_str(), DocumentType::Odt)
    );
    assert_eq!(left[0].removable_for, Some(w.provider.to_string()));
    let edits = view
        .history
        .iter()
        .filter(|h| h.changed_fields == ["documents"])
        .count();
    assert_eq!(edits, 3, "two added, one removed");

    // Once the agreement is over, its records are closed.
    let v = version(&w, id).await;
    w.step(&w.reuser_publisher, id, w.reuser, Action::Withdraw, v)
        .await
        .unwrap();
    assert_eq!(
        w.reuse
            .add_document(&w.reuser_publisher, None, id, w.reuser, upload("x.pdf", samples::pdf()))
            .await,
        Err(AppError::Conflict("reuse.refusal.wrong_state".into()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_names_its_contact_among_its_members_and_a_terms_save_is_not_held_up_by_it() {
    let w = world().await;
    let id = coordinating(&w).await;
    let read_at = version(&w, id).await;
    w.reuse
        .set_contact(&w.reuser_publisher, None, id, w.reuser, Some(w.reuser_member.user_id))
        .await
        .unwrap();
    let seen = w.reuse.agreement(Some(&w.provider_owner), id).await.unwrap();
    let reuser = seen
        .parties
        .iter()
        .find(|p| p.organisation_id == w.reuser.to_string())
        .unwrap();
    let contact = reuser.contact.as_ref().expect("the parties see the contact");
    assert_eq!(contact.name, "Mia Husum");
    assert!(contact.email.as_deref().is_some_and(|e| e.contains('@')));
    // Nobody outside sees it.
    for reader in [Some(&w.outsider), None] {
        let view = w.reuse.agreement(reader, id).await.unwrap();
        assert!(view.parties.iter().all(|p| p.contact.is_none()));
    }
    // Only a member of the party can be its contact.
    let before = version(&w, id).await;
    assert_eq!(
        w.reuse
            .set_contact(&w.reuser_publisher, None, id, w.reuser, Some(w.provider_owner.user_id))
            .await,
        Err(AppError::Invalid(vec![FieldError::new(
            "kontakt",
            "reuse.contact.error.member"
        )]))
    );
    assert_eq!(
        w.reuse.set_contact(&w.reuser_member, None, id, w.reuser, None).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(version(&w, id).await, before);

    // The terms as read before the contact changed are still the terms:
    // the save goes through.
    let mut terms: Terms = w.reuse.agreement(None, id).await.unwrap().terms;
    terms.support = "Fehlerbehebung werktags binnen zwei Tagen".into();
    let saved = w
        .reuse
        .edit_terms(&w.provider_publisher, None, id, w.provider, read_at, terms)
        .await
        .unwrap();
    assert_eq!(saved, allmende_server::reuse::Edited::Saved(vec!["support"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_confidential_parts_are_public_only_while_every_party_consents() {
    let w = world().await;
    let id = coordinating(&w).await;
    let document = w
        .reuse
        .add_document(
            &w.provider_publisher,
            None,
            id,
            w.provider,
            upload("Vertrag.pdf", samples::pdf()),
        )
        .await
        .unwrap();
    w.reuse
        .set_contact(
            &w.provider_publisher,
            None,
            id,
            w.provider,
            Some(w.provider_owner.user_id),
        )
        .await
        .unwrap();
    let hidden = |view: &app::reuse::dto::AgreementView| {
        view.costs.is_none()
            && view.documents.is_none()
            && view.request_message.is_none()
            && view.parties.iter().all(|p| p.contact.is_none())
    };
    assert!(hidden(&w.reuse.agreement(Some(&w.outsider), id).await.unwrap()));

    // Publishers may not decide; owners may, each for their party.
    assert_eq!(
        w.reuse
            .set_consent(&w.provider_publisher, None, id, w.provider, true)
            .await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        w.reuse.set_consent(&w.outsider, None, id, w.provider, true).await,
        Err(AppError::Forbidden)
    );
    w.reuse
        .set_consent(&w.reuser_owner, None, id, w.reuser, true)
        .await
        .unwrap();
    let half = w.reuse.agreement(None, id).await.unwrap();
    assert!(hidden(&half) && !half.published, "one party's consent is not enough");

    w.reuse
        .set_consent(&w.provider_owner, None, id, w.provider, true)
        .await
        .unwrap();
    for reader in [Some(&w.outsider), None] {
        let view = w.reuse.agreement(reader, id).await.unwrap();
        assert!(view.published);
        assert_eq!(view.documents.as_ref().map(Vec::len), Some(1));
        assert!(view.costs.is_some() && view.request_message.is_some());
        assert!(view.parties.iter().any(|p| p.contact.is_some()));
        assert!(w.reuse.document(reader, id, document).await.is_ok());
    }
    // The public still cannot act.
    assert_eq!(
        w.reuse
            .add_document(&w.outsider, None, id, w.provider, upload("x.pdf", samples::pdf()))
            .await,
        Err(AppError::Forbidden)
    );

    // One withdrawal makes them confidential again.
    w.reuse
        .set_consent(&w.reuser_owner, None, id, w.reuser, false)
        .await
        .unwrap();
    assert!(hidden(&w.reuse.agreement(Some(&w.outsider), id).await.unwrap()));
    assert!(matches!(
        w.reuse.document(Some(&w.outsider), id, document).await,
        Err(AppError::NotFound)
    ));
    let view = w.reuse.agreement(Some(&w.provider_owner), id).await.unwrap();
    let decisions = view
        .history
        .iter()
        .filter(|h| h.changed_fields == ["publication"])
        .count();
    assert_eq!(decisions, 3);
}
