using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Web.Components.Transcript;

namespace MailCheck.Web.Tests.Components;

public sealed class TlsSummaryPanelTests : ComponentTestContext
{
    private static readonly TlsDetail Trusted = new()
    {
        Succeeded = true,
        Protocol = "TLS 1.3",
        CipherSuite = "TLS_AES_256_GCM_SHA384",
        Subject = "CN=mx.example.com",
        Issuer = "CN=Lab Root CA",
        SubjectAlternativeNames = ["mx.example.com"],
        NotBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        NotAfter = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ChainValid = true,
        HostNameMatches = true,
    };

    [Fact]
    public void Render_TrustedOnlyThroughTheExtraCa_SaysSo()
    {
        var cut = Render<TlsSummaryPanel>(p => p.Add(x => x.Tls, Trusted with { TrustedByExtraCa = true }).Add(x => x.Finished, true));

        var note = cut.Find(".mc-tls-extra-ca");
        Assert.Contains("only through MailCheck's extra CA file", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("MailCheck:Tls:ExtraTrustedCaFile", note.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TrustedThroughTheSystemStore_NoExtraCaNote()
    {
        var cut = Render<TlsSummaryPanel>(p => p.Add(x => x.Tls, Trusted).Add(x => x.Finished, true));

        Assert.Empty(cut.FindAll(".mc-tls-extra-ca"));
        Assert.Contains("yes", cut.Markup, StringComparison.Ordinal);
    }
}
