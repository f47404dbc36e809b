namespace MailCheck.Core.Scorecard;

/// <summary>The four areas of the scorecard.</summary>
public enum ScoreArea
{
    /// <summary>SPF, DKIM, DMARC, BIMI: who may send as the domain.</summary>
    Authentication,

    /// <summary>TLS, TLS-RPT, MTA-STS, DANE, DNSSEC: how mail reaches the domain.</summary>
    Transport,

    /// <summary>Reverse DNS, banners, EHLO names: whether hosts are who they say.</summary>
    Identity,

    /// <summary>Blocklists and how receivers judge MailCheck's own mail.</summary>
    Reputation,

    /// <summary>Receive mode: the message itself (header fields, line endings, unsubscribe headers, size).</summary>
    Message,
}
