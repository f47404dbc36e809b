using MailCheck.Core.Dane;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.MtaSts;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Posture.MtaSts;

/// <summary>The mtaSts item's note for an MX host that DANE senders authenticate by its TLSA records (RFC 8461 §2, RFC 7672 §2.2).</summary>
public class MtaStsDaneNoteTests
{
    [Fact]
    public void DaneNote_SecureUsableTlsa_InfoSayingDaneSendersUseDane()
    {
        var note = MtaStsVerdictStage.DaneNote(Lookup(DnssecState.Secure, new TlsaData(3, 1, 1, new string('a', 64))), "MX1.example.com");

        Assert.NotNull(note);
        Assert.Equal(ScoreStatus.Info, note.Status);
        Assert.Contains("_25._tcp.mx1.example.com", note.Text, StringComparison.Ordinal);
        Assert.Contains("RFC 8461 §2, RFC 7672 §2.2", note.Text, StringComparison.Ordinal);
        Assert.Contains("senders that implement only MTA-STS", note.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DnssecState.Insecure, 3)]
    [InlineData(DnssecState.Bogus, 3)]
    [InlineData(DnssecState.Secure, 1)]
    public void DaneNote_TlsaDaneSendersIgnoreOrCannotUse_NoNote(DnssecState tlsaState, int usage)
    {
        Assert.Null(MtaStsVerdictStage.DaneNote(Lookup(tlsaState, new TlsaData(usage, 1, 1, new string('a', 64))), "mx1.example.com"));
    }

    [Fact]
    public void DaneNote_NoLookupOrOtherHost_NoNote()
    {
        Assert.Null(MtaStsVerdictStage.DaneNote(null, "mx1.example.com"));
        Assert.Null(MtaStsVerdictStage.DaneNote(Lookup(DnssecState.Secure, new TlsaData(3, 1, 1, new string('a', 64))), "mx2.example.com"));
    }

    private static DaneLookup Lookup(DnssecState tlsaState, TlsaData record) => new("example.com", 25, null,
    [
        new DaneHost
        {
            Host = "mx1.example.com",
            TlsaName = "_25._tcp.mx1.example.com",
            MxState = DnssecState.Secure,
            AddressState = DnssecState.Secure,
            TlsaState = tlsaState,
            TlsaStatus = DnsResponseStatus.NoError,
            Records = [record],
        },
    ]);
}
