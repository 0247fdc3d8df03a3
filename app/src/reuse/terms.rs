//! What an agreement is and on which legal basis: the closed lists the
//! forms offer (with free text beside the legal basis).

crate::code_set! {
    /// How the reuse is contracted; `reuse_agreements.kind` allows these.
    pub enum AgreementKind label = "reuse.kind." {
        /// A contract through the FIT-Store (FITKO).
        FitStore = "fit_store",
        /// A contract on the EfA marketplace (govdigital).
        EfaMarketplace = "efa_marketplace",
        AdministrativeAgreement = "administrative_agreement",
        CooperationAgreement = "cooperation_agreement",
        DevelopmentPartnership = "development_partnership",
        /// Reuse under the open-source licence alone.
        LicenceOnly = "licence_only",
        SharedOperation = "shared_operation",
    }
}

crate::code_set! {
    /// Why no public tender is needed; `reuse_agreements.legal_basis`.
    pub enum LegalBasis label = "reuse.legal_basis." {
        /// In-house award (§ 108 (1) GWB).
        Gwb108Para1 = "gwb_108_1",
        /// Joint control (§ 108 (4) GWB).
        Gwb108Para4 = "gwb_108_4",
        /// Cooperation between public contracting authorities (§ 108 (6) GWB).
        Gwb108Para6 = "gwb_108_6",
        KielerBeschluesse = "kieler_beschluesse",
        Art91cGg = "art_91c_gg",
        Staatsvertrag = "staatsvertrag",
        Other = "other",
    }
}
