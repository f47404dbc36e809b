using System.Text.RegularExpressions;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Matrix;

/// <summary>
/// What the MX hosts of one domain do not agree on. A cell "differs" when its step went differently than with the
/// first target that reached it (the most preferred MX: where mail normally goes); the differences list names each
/// aspect with its values, the targets, and why it matters.
/// </summary>
internal static partial class MatrixDifferences
{
    /// <summary>The rows with <see cref="MatrixCell.Differs"/> set, and the list of differences.</summary>
    public static IReadOnlyList<MxMatrixRow> Mark(IReadOnlyList<(MxMatrixRow Row, TargetFacts? Facts)> rows, TlsPolicy tls, out IReadOnlyList<MatrixDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var marked = rows.Select(r => r.Row).ToList();
        foreach (var stage in MxMatrix.Columns)
        {
            var signatures = rows.Select(r => r.Facts is null ? null : Signature(stage, r.Row.Cell(stage), r.Facts)).ToList();
            var baseline = signatures.FirstOrDefault(s => s is not null);
            for (var i = 0; i < marked.Count; i++)
            {
                if (signatures[i] is { } signature && signature != baseline)
                {
                    var cells = marked[i].Stages.ToArray();
                    cells[(int)stage] = cells[(int)stage] with { Differs = true };
                    marked[i] = marked[i] with { Stages = cells };
                }
            }
        }

        differences = [.. List(rows, tls)];
        return marked;
    }

    private static IEnumerable<MatrixDifference> List(IReadOnlyList<(MxMatrixRow Row, TargetFacts? Facts)> rows, TlsPolicy tls)
    {
        var tested = rows.Where(r => r.Facts is not null && r.Row.Outcome is not null && r.Row.NotTested is null).ToList();
        var outcome = Differ("outcome", "Not every target accepted", tested, r => TranscriptFormatter.OutcomeName(r.Row.Outcome!.Value),
            "a sender that reaches a target which does not accept keeps the message queued, or bounces it");
        if (outcome is not null)
        {
            yield return outcome;
        }

        var reached = rows.Where(r => r.Facts is { Greetings.Count: > 0 }).ToList();
        if (tls is TlsPolicy.Opportunistic or TlsPolicy.Required)
        {
            var startTls = Differ("startTls", "STARTTLS differs", reached,
                r => r.Row.Cell(MatrixStage.StartTls) is { Status: MatrixCellStatus.Pass } ? "offered" : r.Row.Cell(MatrixStage.StartTls).Text,
                "mail that reaches a host without STARTTLS travels in plain text (RFC 3207), and MTA-STS senders refuse it (RFC 8461 §5)");
            if (startTls is not null)
            {
                yield return startTls;
            }
        }

        var secured = rows.Where(r => r.Facts?.TlsDetail is not null).ToList();
        var certificate = Differ("certificate", "The certificates differ", secured,
            r => DateLike().Replace(r.Row.Cell(MatrixStage.Certificate).Text, "").Trim() is "valid to" ? "valid" : r.Row.Cell(MatrixStage.Certificate).Text,
            Worst(secured));
        if (certificate is not null)
        {
            yield return certificate;
        }

        var version = Differ("tlsVersion", "The TLS version differs", secured.Where(r => r.Facts!.TlsDetail!.Succeeded).ToList(),
            r => r.Facts!.TlsDetail!.Protocol ?? "unknown", "RFC 8996 deprecates TLS 1.0 and 1.1; RFC 9325 §3.1.1 asks for TLS 1.2 or 1.3");
        if (version is not null)
        {
            yield return version;
        }

        var greeted = rows.Where(r => r.Facts?.LastCapabilities is not null && !r.Facts.UsedHelo).ToList();
        var size = Differ("size", "The SIZE limit differs", greeted, r => SizeValue(r.Facts!.LastCapabilities!.Size),
            "a message larger than one host's limit is refused by that host alone (RFC 1870 §6), so delivery depends on which MX a sender reaches");
        if (size is not null)
        {
            yield return size;
        }

        var extensions = Differ("extensions", "The extensions differ", greeted, r => Keywords(r.Facts!.LastCapabilities!),
            "senders use what the host they reach offers (8BITMIME, SMTPUTF8, PIPELINING ...): the MX hosts should offer the same");
        if (extensions is not null)
        {
            yield return extensions;
        }

        var banner = Differ("banner", "The greetings differ", rows.Where(r => r.Facts?.BannerLine is not null).ToList(),
            r => Masked(r.Facts!.BannerLine!), "different software or settings behind one domain's MX hosts",
            display: r => $"\"{r.Facts!.BannerLine}\"");
        if (banner is not null)
        {
            yield return banner;
        }
    }

    /// <summary>A difference when <paramref name="rows"/> show more than one value; null otherwise.</summary>
    private static MatrixDifference? Differ(
        string aspect, string title, IReadOnlyList<(MxMatrixRow Row, TargetFacts? Facts)> rows, Func<(MxMatrixRow Row, TargetFacts? Facts), string> value,
        string why, Func<(MxMatrixRow Row, TargetFacts? Facts), string>? display = null)
    {
        var groups = rows.GroupBy(value, StringComparer.Ordinal).ToList();
        if (groups.Count < 2)
        {
            return null;
        }

        var values = groups
            .Select(g => new MatrixDifferenceValue(display is null ? g.Key : display(g.First()), [.. g.Select(r => TargetName(r.Row))]))
            .ToList();
        return new MatrixDifference(aspect, title, why, values);
    }

    /// <summary>A cell's comparable content for a stage; null when the stage was not reached there.</summary>
    private static string? Signature(MatrixStage stage, MatrixCell cell, TargetFacts facts)
    {
        if (cell.Status is MatrixCellStatus.NotReached or MatrixCellStatus.Pending or MatrixCellStatus.Skipped or MatrixCellStatus.NotTested)
        {
            return null;
        }

        return stage switch
        {
            MatrixStage.Banner => facts.BannerLine is { } line ? $"{cell.Status}|{Masked(line)}" : $"{cell.Status}",
            MatrixStage.Ehlo => facts.LastCapabilities is { } caps && !facts.UsedHelo ? $"{cell.Status}|{SizeValue(caps.Size)}|{Keywords(caps)}" : $"{cell.Status}",
            MatrixStage.Certificate => $"{cell.Status}|{DateLike().Replace(cell.Text, "")}|{facts.TlsDetail?.Protocol}",
            MatrixStage.Connect or MatrixStage.StartTls => $"{cell.Status}",
            _ => $"{cell.Status}|{cell.Code}",
        };
    }

    /// <summary>Why the worst certificate verdict matters (its RFC-backed sentence).</summary>
    private static string Worst(IReadOnlyList<(MxMatrixRow Row, TargetFacts? Facts)> secured)
    {
        var worst = secured
            .Select(r => (Cell: r.Row.Cell(MatrixStage.Certificate), r.Facts!.TlsDetail!, r.Row.Host, At: r.Facts.Tls!.At))
            .OrderByDescending(x => x.Cell.Status == MatrixCellStatus.Fail ? 2 : x.Cell.Status == MatrixCellStatus.Warn ? 1 : 0)
            .FirstOrDefault();
        return worst.Cell is null
            ? "senders that verify certificates treat the hosts differently"
            : OutcomeSentence(MatrixCells.CertificateVerdict(worst.Item2, worst.At, worst.Host, TlsPolicy.Opportunistic).Why);
    }

    private static string OutcomeSentence(string why) => OutcomeText.Sentence(why);

    private static string SizeValue(long? size) => size switch
    {
        null => "not advertised",
        0 => "no limit",
        { } bytes => $"{MatrixCells.Size(bytes)} ({bytes} bytes)",
    };

    /// <summary>The extension keywords a host offers (SIZE, STARTTLS and AUTH are judged on their own), sorted.</summary>
    private static string Keywords(CapabilitiesDetail caps)
    {
        var words = caps.Extensions
            .Select(e => e.Split(' ', 2)[0].ToUpperInvariant())
            .Where(w => w is not ("SIZE" or "STARTTLS" or "AUTH") && !w.StartsWith("AUTH=", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return words.Count == 0 ? "none" : string.Join(" ", words);
    }

    /// <summary>
    /// A greeting without what changes from one connection to the next: the code and host name, and every word with a
    /// digit in it (queue ids, dates, times, version-less counters). "220 mx1.example.com ESMTP Exim 4.96 Mon, 01 Jan"
    /// and "220 mx2.example.com ESMTP Exim 4.96 Tue, 02 Jan" read the same.
    /// </summary>
    private static string Masked(string banner)
    {
        var words = banner.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2);
        return string.Join(" ", words.Select(w => w.Any(char.IsAsciiDigit) ? "#" : w));
    }

    private static string TargetName(MxMatrixRow row) => row.Index is { } index ? $"[{index}] {row.Label}" : row.Label;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
