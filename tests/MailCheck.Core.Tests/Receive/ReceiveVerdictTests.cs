using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Receive;
using MailCheck.Core.Receive.Verdicts;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Receive;

/// <summary>
/// Real mail into the listener (MailKit over loopback, from 127.0.0.71 or .72), judged against an in-process DNS server:
/// SPF pass, fail and softfail for the connecting address, DKIM pass, an altered body, a revoked or missing key, no
/// signature, DMARC aligned and not, TLS used or not.
/// </summary>
public sealed class ReceiveVerdictTests : IAsyncLifetime
{
    private readonly ReceiveLab _lab = ReceiveLab.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Judge_SignedAlignedFromListedAddressOverTls_EverythingPasses()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("Ann <ann@sender.test>", address);
        ReceiveLab.Sign(message);

        await _lab.SendAsync(message, "ann@sender.test", address);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var result = events.Result();
        Assert.Equal(CheckOutcome.Received, result.Outcome);
        Assert.Contains("SPF pass, DKIM pass (d=sender.test), DMARC pass", result.Summary, StringComparison.Ordinal);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Spf, ReceivedSpfVerdict.MailFromTarget).Status);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Spf, ReceivedSpfVerdict.HeloTarget).Status);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Dkim, "d=sender.test s=sel").Status);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Dmarc).Status);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Ptr, "127.0.0.71").Status);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Tls).Status);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Hygiene).Status);
        Assert.Equal(EventKind.Outcome, events[^1].Kind);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Seq));
    }

    [Fact]
    public async Task Transcript_ReadsLikeTheSendersLog_CommandsSentRepliesReceivedTlsMarked()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);
        ReceiveLab.Sign(message);

        await _lab.SendAsync(message, "ann@sender.test", address);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);
        var text = events.Transcript();

        Assert.Equal(EventKind.Connect, events[0].Kind);
        Assert.Contains("Connection from 127.0.0.71 port", events[0].Text, StringComparison.Ordinal);
        Assert.Contains("reverse DNS mx.sender.test", events[0].Text, StringComparison.Ordinal);
        Assert.Contains("<-  220 mx.receive.test ESMTP", text, StringComparison.Ordinal);
        Assert.Contains(" -> EHLO mx.sender.test", text, StringComparison.Ordinal);
        Assert.Contains(" -> STARTTLS", text, StringComparison.Ordinal);
        Assert.Contains("TLS established: TLS 1.", text, StringComparison.Ordinal);
        Assert.Contains($" ~> RCPT TO:<{address}>", text, StringComparison.Ordinal);
        Assert.Contains("<~  250 2.1.5", text, StringComparison.Ordinal);
        Assert.Contains("<~  354 End data with", text, StringComparison.Ordinal);
        Assert.Contains(" ~> Message: ", text, StringComparison.Ordinal);
        Assert.Contains("<~  250 2.0.0 Ok: queued as ", text, StringComparison.Ordinal);
        Assert.Contains(" ~> QUIT", text, StringComparison.Ordinal);
        Assert.Contains("<~  221 2.0.0", text, StringComparison.Ordinal);
        var detail = events.Detail<ReceivedMessageDetail>();
        Assert.Contains(detail.Headers, h => h.Name == "DKIM-Signature");
        Assert.Equal("text/plain; charset=utf-8", detail.Parts[0].ContentType);

        // QUIT comes before the scorecard: the outcome waits for the sender to finish.
        Assert.True(events.Select(e => e.Kind).ToList().IndexOf(EventKind.Quit) < events.Select(e => e.Kind).ToList().IndexOf(EventKind.Scorecard));
    }

    [Fact]
    public async Task Spf_UnlistedAddress_FailForMailFrom_DmarcStillPassesThroughDkim()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);
        ReceiveLab.Sign(message);

        await _lab.SendAsync(message, "ann@sender.test", address, source: ReceiveLab.Unlisted);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var spf = events.Item(ScorecardIds.Spf, ReceivedSpfVerdict.MailFromTarget);
        Assert.Equal(ScoreStatus.Fail, spf.Status);
        Assert.Contains("fail", spf.Title, StringComparison.Ordinal);
        Assert.Contains("RFC 7208 §2.6.4", spf.Findings[0].Text, StringComparison.Ordinal);
        Assert.Contains("-all", events.Detail<ReceivedSpfDetail>().MailFrom!.Mechanism, StringComparison.Ordinal);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Dmarc).Status);
        Assert.Equal(ScoreStatus.Fail, events.Item(ScorecardIds.Ptr, "127.0.0.72").Status);
    }

    [Fact]
    public async Task Spf_TildeAllForUnlistedAddress_SoftfailIsAWarning()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@soft.sender.test", address);

        await _lab.SendAsync(message, "ann@soft.sender.test", address, source: ReceiveLab.Unlisted);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var spf = events.Item(ScorecardIds.Spf, ReceivedSpfVerdict.MailFromTarget);
        Assert.Equal(ScoreStatus.Warn, spf.Status);
        Assert.Equal(SpfResult.SoftFail, events.Detail<ReceivedSpfDetail>().MailFrom!.Result);
        Assert.Contains("RFC 7208 §2.6.5", spf.Findings[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dkim_BodyAlteredAfterSigning_FailsWithBodyHashMismatch()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);
        ReceiveLab.Sign(message);
        ((MimeKit.TextPart)message.Body!).Text += "-- a footer added on the way\r\n";

        await _lab.SendAsync(message, "ann@sender.test", address, source: ReceiveLab.Unlisted);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var signature = events.Detail<ReceivedDkimDetail>().Signatures.Single();
        Assert.Equal(DkimResult.Fail, signature.Result);
        Assert.StartsWith("body hash mismatch", signature.Reason, StringComparison.Ordinal);
        var item = events.Item(ScorecardIds.Dkim, "d=sender.test s=sel");
        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("RFC 6376 §6.1.3", item.Findings[0].Text, StringComparison.Ordinal);

        // SPF failed for .72 and DKIM failed: DMARC fails, and p=reject says what a receiver does.
        var dmarc = events.Item(ScorecardIds.Dmarc);
        Assert.Equal(ScoreStatus.Fail, dmarc.Status);
        Assert.Contains("p=reject", dmarc.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dkim_RevokedKey_PermErrorSaysRevoked()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);
        ReceiveLab.Sign(message, selector: "revoked");

        await _lab.SendAsync(message, "ann@sender.test", address);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var signature = events.Detail<ReceivedDkimDetail>().Signatures.Single();
        Assert.Equal(DkimResult.PermError, signature.Result);
        Assert.Contains("revoked", signature.Reason, StringComparison.Ordinal);
        Assert.Contains("RFC 6376 §3.6.1", signature.Reason, StringComparison.Ordinal);
        Assert.Equal("revoked._domainkey.sender.test", signature.KeyName);
    }

    [Fact]
    public async Task Dkim_SelectorWithoutKey_PermErrorSaysKeyNotFound()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);
        ReceiveLab.Sign(message, selector: "missing");

        await _lab.SendAsync(message, "ann@sender.test", address);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var signature = events.Detail<ReceivedDkimDetail>().Signatures.Single();
        Assert.Equal(DkimResult.PermError, signature.Result);
        Assert.StartsWith("key not found", signature.Reason, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == EventKind.Dns && e.Text.StartsWith("missing._domainkey.sender.test TXT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dkim_NoSignature_WarnsAndDmarcPassesThroughAlignedSpf()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);

        await _lab.SendAsync(message, "ann@sender.test", address);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var dkim = events.Item(ScorecardIds.Dkim);
        Assert.Equal(ScoreStatus.Warn, dkim.Status);
        Assert.Equal("DKIM: the message is not signed", dkim.Title);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Dmarc).Status);
        Assert.Equal("sender.test", events.Detail<ReceivedDmarcDetail>().SpfIdentifier);
    }

    [Fact]
    public async Task Dmarc_SpfAndDkimPassForAnotherDomain_NotAlignedFailsUnderReject()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);
        ReceiveLab.Sign(message, domain: "other.test");

        await _lab.SendAsync(message, "bounce@other.test", address, source: ReceiveLab.Unlisted);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Spf, ReceivedSpfVerdict.MailFromTarget).Status);
        Assert.Equal(ScoreStatus.Pass, events.Item(ScorecardIds.Dkim, "d=other.test s=sel").Status);
        var dmarc = events.Item(ScorecardIds.Dmarc);
        Assert.Equal(ScoreStatus.Fail, dmarc.Status);
        Assert.Contains("refuses the message (p=reject)", dmarc.Findings[0].Text, StringComparison.Ordinal);
        Assert.Contains(dmarc.Findings, f => f.Text.Contains("other.test", StringComparison.Ordinal) && f.Text.Contains("not aligned", StringComparison.Ordinal));
        Assert.Contains("d=sender.test", dmarc.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transport_NoStartTls_PlainTextFails()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("ann@sender.test", address);

        await _lab.SendAsync(message, "ann@sender.test", address, startTls: false);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var tls = events.Item(ScorecardIds.Tls);
        Assert.Equal(ScoreStatus.Fail, tls.Status);
        Assert.Contains("RFC 3207", tls.Findings[0].Text, StringComparison.Ordinal);
        Assert.Contains("in plain text", events.Result().Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Secure);
    }

    [Fact]
    public async Task Hygiene_OneClickUnsubscribeSigned_Passes()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("news@sender.test", address);
        message.Headers.Add("List-Unsubscribe", "<https://sender.test/unsubscribe/123>, <mailto:unsubscribe@sender.test>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        ReceiveLab.Sign(message, "sender.test", "sel", "List-Unsubscribe", "List-Unsubscribe-Post");

        await _lab.SendAsync(message, "news@sender.test", address);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var hygiene = events.Item(ScorecardIds.Hygiene);
        Assert.Contains(hygiene.Findings, f => f.Status == ScoreStatus.Pass && f.Text.StartsWith("One-click unsubscribe", StringComparison.Ordinal));
        Assert.DoesNotContain(hygiene.Findings, f => f.Text.Contains("RFC 8058 §4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hygiene_UnsubscribeWithoutPost_Warns()
    {
        var (token, address) = _lab.NewCheck();
        var message = ReceiveLab.Message("news@sender.test", address);
        message.Headers.Add("List-Unsubscribe", "<mailto:unsubscribe@sender.test>");

        await _lab.SendAsync(message, "news@sender.test", address);
        var events = await _lab.Mailboxes.WaitForOutcomeAsync(token);

        var hygiene = events.Item(ScorecardIds.Hygiene);
        Assert.Equal(ScoreStatus.Warn, hygiene.Status);
        Assert.Contains(hygiene.Findings, f => f.Status == ScoreStatus.Warn && f.Text.Contains("RFC 8058 §3.1", StringComparison.Ordinal));
    }
}
