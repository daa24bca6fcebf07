//! The policy file as serde reads it: every name keeps its span so that
//! validation can point at it. Unknown keys are refused by serde itself.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub type Name = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub levels: Vec<RawItem>,
    #[serde(default)]
    pub teams: Vec<RawTeam>,
    #[serde(default)]
    pub priorities: Vec<RawItem>,
    #[serde(default)]
    pub categories: Vec<RawItem>,
    #[serde(default)]
    pub tiers: Vec<RawItem>,
    #[serde(default)]
    pub root_causes: Vec<RawItem>,
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<Name>>,
    #[serde(default)]
    pub signoff: Vec<RawSignoff>,
    pub defaults: Option<Spanned<RawDefaults>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Name,
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    pub id: Name,
    pub name: Option<String>,
    pub description: Option<String>,
    pub level: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignoff {
    pub from_level: Name,
    #[serde(default)]
    pub roles: Vec<Name>,
    #[serde(default)]
    pub people: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    pub priority: Name,
    pub team: Name,
    pub tier: Option<Name>,
}
