namespace MailCheck.Core.Tls;

/// <summary>Configuration section <c>MailCheck:Tls</c>.</summary>
public sealed class TlsOptions
{
    public const string SectionName = "MailCheck:Tls";

    /// <summary>
    /// A PEM file of certificate authorities trusted in addition to the system's store, for the certificates of mail
    /// servers and of MTA-STS policy hosts: a lab's or a company's private CA. Its self-signed CA certificates are the
    /// trust anchors; any other certificate in it only helps to build chains. Empty (the default): the system store only.
    /// </summary>
    public string? ExtraTrustedCaFile { get; set; }
}
