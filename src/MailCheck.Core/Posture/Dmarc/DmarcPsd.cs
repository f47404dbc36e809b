namespace MailCheck.Core.Posture.Dmarc;

/// <summary>The <c>psd</c> tag (RFC 9989 §4.7).</summary>
public enum DmarcPsd
{
    /// <summary><c>psd=u</c> or absent: the DNS tree walk decides (RFC 9989 §4.10).</summary>
    Unspecified,

    /// <summary><c>psd=y</c>: the domain is a public suffix domain.</summary>
    Yes,

    /// <summary><c>psd=n</c>: the domain is its own organizational domain.</summary>
    No,
}
