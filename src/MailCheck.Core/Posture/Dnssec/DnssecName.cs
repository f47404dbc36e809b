using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dnssec;

/// <summary>One answer the <c>dnssec</c> step judged.</summary>
/// <param name="Name">The name asked.</param>
/// <param name="RecordType">The type asked ("type" is the detail's JSON discriminator).</param>
/// <param name="State">Its DNSSEC state.</param>
/// <param name="Answer">The answer in words (records, NXDOMAIN, SERVFAIL with its extended error ...).</param>
public sealed record DnssecName(string Name, DnsRecordType RecordType, DnssecState State, string Answer);
