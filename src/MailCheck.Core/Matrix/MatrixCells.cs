using System.Globalization;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Matrix;

/// <summary>The cells of one matrix row, read from what the target's events show.</summary>
internal static class MatrixCells
{
    /// <summary>
    /// One cell per <see cref="MatrixStage"/>. A step with no event is the failed step when the target's result says it
    /// ended there, else not reached (or pending while the target runs); every later step follows it.
    /// </summary>
    public static IReadOnlyList<MatrixCell> Of(TargetFacts facts, string host, CheckMode mode, TlsPolicy tls, bool ended)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var result = facts.Outcome?.Result;
        var failedAt = result is { Outcome: not CheckOutcome.Accepted, Step: { } step } ? StageOf(step) : (MatrixStage?)null;
        var cells = new List<MatrixCell>(MxMatrix.Columns.Count);
        var stopped = false;
        foreach (var stage in MxMatrix.Columns)
        {
            var skipped = Skipped(stage, mode, tls);
            if (skipped is not null)
            {
                cells.Add(skipped);
                continue;
            }

            if (facts.Outcome?.NotTested is { } why && facts.Policy is null)
            {
                cells.Add(stage == MatrixStage.Connect
                    ? new MatrixCell(stage, MatrixCellStatus.NotTested) { Text = "not tested", Reply = why }
                    : new MatrixCell(stage, MatrixCellStatus.NotTested));
                continue;
            }

            var cell = stopped ? null : stage switch
            {
                MatrixStage.Connect => Connect(facts),
                MatrixStage.Banner => Reply(stage, facts.Banner),
                MatrixStage.Ehlo => Ehlo(facts),
                MatrixStage.StartTls => StartTls(facts, tls),
                MatrixStage.Certificate => Certificate(facts, cells[(int)MatrixStage.StartTls], host, tls),
                MatrixStage.MailFrom => Reply(stage, facts.Mail),
                _ => Rcpt(facts),
            };
            if (cell is null)
            {
                cell = !stopped && failedAt == stage
                    ? Failed(stage, facts, result!)
                    : ended
                        ? new MatrixCell(stage, facts.Policy is null ? MatrixCellStatus.NotReached : MatrixCellStatus.NotTested)
                        : new MatrixCell(stage, MatrixCellStatus.Pending);
                stopped = true;
            }
            else if (cell.Status == MatrixCellStatus.NotTested || (cell.Status == MatrixCellStatus.Fail && stage == MatrixStage.Connect))
            {
                stopped = true;
            }

            cells.Add(cell);
        }

        return cells;
    }

    /// <summary>
    /// The verdict on a certificate as the matrix gives it: expired or not yet valid fails (RFC 5280 §4.1.2.5); a name
    /// that does not match or a chain that does not validate warns under opportunistic TLS (a sending server still
    /// uses it, RFC 7435 §1.3) and fails when TLS is required.
    /// </summary>
    public static (MatrixCellStatus Status, string Text, string Why) CertificateVerdict(TlsDetail detail, DateTimeOffset at, string host, TlsPolicy tls)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var strict = tls == TlsPolicy.Required ? MatrixCellStatus.Fail : MatrixCellStatus.Warn;
        if (!detail.Succeeded)
        {
            return (MatrixCellStatus.Fail, "handshake failed", detail.Error ?? "The TLS handshake failed.");
        }

        if (detail.NotAfter is { } notAfter && notAfter < at)
        {
            return (MatrixCellStatus.Fail, $"expired {Day(notAfter)}",
                $"The certificate expired on {Day(notAfter)} (RFC 5280 §4.1.2.5: it is not valid after its notAfter date); senders that verify certificates (MTA-STS, DANE-less TLS policies) will not deliver.");
        }

        if (detail.NotBefore is { } notBefore && notBefore > at)
        {
            return (MatrixCellStatus.Fail, $"not valid before {Day(notBefore)}",
                $"The certificate is not valid before {Day(notBefore)} (RFC 5280 §4.1.2.5).");
        }

        if (!detail.HostNameMatches)
        {
            return (strict, "wrong name",
                $"The certificate does not name {host} (RFC 6125 §6): senders that verify the name (MTA-STS, RFC 8461 §4.2) will not deliver; opportunistic ones still do (RFC 7435).");
        }

        if (!detail.ChainValid)
        {
            return (strict, "not trusted",
                $"The chain does not validate ({string.Join("; ", detail.ChainErrors.Select(e => e.Split(':')[0]))}): senders that verify certificates will not deliver; opportunistic ones still do (RFC 7435).");
        }

        return (MatrixCellStatus.Pass, detail.NotAfter is { } until ? $"valid to {Day(until)}" : "valid", "The chain validates and the certificate names the host.");
    }

    /// <summary>The matrix column of an engine step.</summary>
    public static MatrixStage StageOf(EventKind step) => step switch
    {
        EventKind.Policy or EventKind.Connect => MatrixStage.Connect,
        EventKind.Banner => MatrixStage.Banner,
        EventKind.Ehlo or EventKind.Helo => MatrixStage.Ehlo,
        EventKind.StartTls => MatrixStage.StartTls,
        EventKind.Tls => MatrixStage.Certificate,
        EventKind.Auth or EventKind.Mail => MatrixStage.MailFrom,
        _ => MatrixStage.RcptTo,
    };

    internal static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static MatrixCell? Skipped(MatrixStage stage, CheckMode mode, TlsPolicy tls) => stage switch
    {
        MatrixStage.StartTls when tls == TlsPolicy.None => new MatrixCell(stage, MatrixCellStatus.Skipped) { Text = "TLS off" },
        MatrixStage.StartTls when tls == TlsPolicy.Implicit => new MatrixCell(stage, MatrixCellStatus.Skipped) { Text = "implicit TLS" },
        MatrixStage.Certificate when tls == TlsPolicy.None => new MatrixCell(stage, MatrixCellStatus.Skipped) { Text = "TLS off" },
        MatrixStage.MailFrom or MatrixStage.RcptTo when mode == CheckMode.Connect => new MatrixCell(stage, MatrixCellStatus.Skipped) { Text = "connect only" },
        _ => null,
    };

    private static MatrixCell? Connect(TargetFacts facts)
    {
        if (facts.Policy is { } policy)
        {
            return new MatrixCell(MatrixStage.Connect, MatrixCellStatus.NotTested) { Text = "blocked", Reply = policy.Text };
        }

        if (facts.Connect is not { } e || facts.Connection is not { } c)
        {
            return null;
        }

        if (!c.Connected)
        {
            return new MatrixCell(MatrixStage.Connect, MatrixCellStatus.Fail) { Ms = Ms(e.Duration), Text = Short(c.Error ?? "failed"), Reply = e.Text };
        }

        var waited = facts.SlotWait is { } wait ? $" after waiting {TranscriptFormatter.Duration(wait)} for a connection slot" : "";
        return new MatrixCell(MatrixStage.Connect, MatrixCellStatus.Pass) { Ms = Ms(e.Duration), Text = "connected", Reply = e.Text + waited };
    }

    private static MatrixCell? Ehlo(TargetFacts facts)
    {
        if (facts.Greetings.Count == 0 || facts.Greetings[^1] is not { } last)
        {
            return null;
        }

        var cell = Reply(MatrixStage.Ehlo, last)!;
        if (facts.UsedHelo && last.Code is >= 200 and < 300)
        {
            return cell with { Status = MatrixCellStatus.Warn, Text = "HELO only", Reply = "EHLO was refused; HELO was accepted, so the server offers no extensions (no STARTTLS, no SIZE).\n" + last.Text };
        }

        return facts.LastCapabilities is { Size: > 0 } caps && cell.Status == MatrixCellStatus.Pass
            ? cell with { Text = $"{cell.Text} · SIZE {Size(caps.Size.Value)}" }
            : cell;
    }

    private static MatrixCell? StartTls(TargetFacts facts, TlsPolicy tls)
    {
        var weak = tls == TlsPolicy.Required ? MatrixCellStatus.Fail : MatrixCellStatus.Warn;
        if (facts.StartTls is { } reply)
        {
            return reply.Code == 220
                ? new MatrixCell(MatrixStage.StartTls, MatrixCellStatus.Pass) { Ms = Ms(reply.Duration), Code = reply.Code, Text = "220", Reply = reply.Text }
                : new MatrixCell(MatrixStage.StartTls, weak) { Ms = Ms(reply.Duration), Code = reply.Code, Text = $"refused ({reply.Code})", Reply = reply.Text };
        }

        if (facts.Greetings.Count > 0 && facts.Greetings[^1] is { Code: >= 200 and < 300 } && facts.FirstCapabilities?.StartTls != true)
        {
            return new MatrixCell(MatrixStage.StartTls, weak)
            {
                Text = "not offered",
                Reply = "The EHLO reply does not offer STARTTLS (RFC 3207 §4): mail to this host travels in plain text.",
            };
        }

        return null;
    }

    private static MatrixCell? Certificate(TargetFacts facts, MatrixCell startTls, string host, TlsPolicy tls)
    {
        if (facts.TlsDetail is { } detail)
        {
            var (status, text, why) = CertificateVerdict(detail, facts.Tls!.At, host, tls);
            var reply = detail.Succeeded ? $"{why}\n{facts.Tls.Text}" : $"TLS handshake failed: {detail.Error}";
            return new MatrixCell(MatrixStage.Certificate, status) { Ms = Ms(facts.Tls.Duration), Text = text, Reply = reply };
        }

        return startTls.Status is MatrixCellStatus.Warn or MatrixCellStatus.Fail && startTls.Code != 220
            ? new MatrixCell(MatrixStage.Certificate, MatrixCellStatus.Skipped) { Text = "no TLS" }
            : null;
    }

    private static MatrixCell? Rcpt(TargetFacts facts)
    {
        if (facts.Rcpts.Count == 0)
        {
            return null;
        }

        var accepted = facts.Rcpts.Count(r => r.Code is >= 200 and < 300);
        var decisive = accepted > 0
            ? facts.Rcpts.First(r => r.Code is >= 200 and < 300)
            : facts.Rcpts.FirstOrDefault(r => r.Code is >= 400 and < 500) ?? facts.Rcpts[0];
        var cell = Reply(MatrixStage.RcptTo, decisive)! with
        {
            Ms = facts.Rcpts.Max(r => Ms(r.Duration)),
            Reply = string.Join("\n", facts.Rcpts.Select(r => r.Text)),
        };
        return accepted > 0 && accepted < facts.Rcpts.Count
            ? cell with { Status = MatrixCellStatus.Warn, Text = $"{accepted} of {facts.Rcpts.Count}" }
            : cell;
    }

    /// <summary>A server reply as a cell: 2xx passes, 4xx warns (try later), anything else fails.</summary>
    private static MatrixCell? Reply(MatrixStage stage, CheckEvent? reply) => reply is null ? null : new MatrixCell(stage, reply.Code switch
    {
        >= 200 and < 300 => MatrixCellStatus.Pass,
        >= 400 and < 500 => MatrixCellStatus.Warn,
        _ => MatrixCellStatus.Fail,
    })
    {
        Ms = Ms(reply.Duration),
        Code = reply.Code,
        Text = reply.EnhancedCode is null ? $"{reply.Code}" : $"{reply.Code} {reply.EnhancedCode}",
        Reply = reply.Text,
    };

    /// <summary>The step where the target's attempt ended without a reply: the fault MailCheck noted.</summary>
    private static MatrixCell Failed(MatrixStage stage, TargetFacts facts, CheckResult result)
    {
        var note = facts.Error?.Text ?? result.Summary;
        var text = result.Outcome switch
        {
            CheckOutcome.Timeout => "timed out",
            CheckOutcome.ProtocolError when facts.Error?.Explanation?.Contains("closed", StringComparison.Ordinal) == true => "connection lost",
            CheckOutcome.ProtocolError => "protocol error",
            CheckOutcome.Deferred => "connection lost",
            CheckOutcome.TlsFailed => "TLS failed",
            _ => TranscriptFormatter.OutcomeName(result.Outcome),
        };
        return new MatrixCell(stage, MatrixCellStatus.Fail) { Text = text, Reply = note };
    }

    private static long? Ms(TimeSpan? duration) => duration is { } d ? (long)d.TotalMilliseconds : null;

    /// <summary>"connection refused (Connection refused)" → "connection refused".</summary>
    private static string Short(string error)
    {
        var cut = error.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? error[..cut] : error;
    }

    /// <summary>A SIZE limit (RFC 1870, in octets) for people: "9.8 MiB", "512 KiB".</summary>
    internal static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB");
}
