using System.Text.Json.Serialization;

namespace MailCheck.Core.Checks;

/// <summary>Structured data carried by some events. Serialised with a <c>type</c> discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MxDetail), "mx")]
[JsonDerivedType(typeof(ConnectionDetail), "connection")]
[JsonDerivedType(typeof(TlsDetail), "tls")]
[JsonDerivedType(typeof(CapabilitiesDetail), "capabilities")]
[JsonDerivedType(typeof(OutcomeDetail), "outcome")]
[JsonDerivedType(typeof(Dns.DnsQueryDetail), "dns")]
[JsonDerivedType(typeof(Scorecard.ScorecardDetail), "scorecard")]
[JsonDerivedType(typeof(Posture.ReverseDns.PtrDetail), "ptr")]
[JsonDerivedType(typeof(Posture.Blocklists.BlocklistDetail), "blocklist")]
[JsonDerivedType(typeof(Posture.Egress.EgressDetail), "egress")]
[JsonDerivedType(typeof(Posture.Dmarc.DmarcDetail), "dmarc")]
[JsonDerivedType(typeof(Posture.Dkim.DkimDetail), "dkim")]
[JsonDerivedType(typeof(Posture.TlsRpt.TlsRptDetail), "tlsRpt")]
[JsonDerivedType(typeof(Posture.Bimi.BimiDetail), "bimi")]
[JsonDerivedType(typeof(Posture.Spf.SpfDetail), "spf")]
[JsonDerivedType(typeof(Posture.MtaSts.MtaStsDetail), "mtaSts")]
[JsonDerivedType(typeof(Posture.Tls.TlsVerdictDetail), "tlsVerdict")]
[JsonDerivedType(typeof(Posture.Dnssec.DnssecDetail), "dnssec")]
[JsonDerivedType(typeof(Dane.DaneLookupDetail), "daneLookup")]
[JsonDerivedType(typeof(Dane.DaneDetail), "dane")]
public abstract record CheckEventDetail;
