using System.Globalization;
using MailCheck.Core.Posture.Dkim;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Turns a tag-list into a <see cref="DmarcRecord"/>, tag by tag (RFC 9989 §4.7, §4.8).</summary>
internal sealed class DmarcRecordReader(string text, TagValueList list)
{
    private readonly List<DmarcRecordIssue> _issues = [];
    private DmarcRecord _record = new() { Text = text, Tags = list.Tags };

    public DmarcRecord Read()
    {
        foreach (var error in list.Errors)
        {
            _issues.Add(new DmarcRecordIssue("", DmarcIssueKind.Invalid, $"{error}: receivers ignore it (RFC 9989 §4.8)"));
        }

        foreach (var name in list.Duplicates)
        {
            _issues.Add(new DmarcRecordIssue(name.ToLowerInvariant(), DmarcIssueKind.Duplicate,
                $"{name.ToLowerInvariant()}= is written more than once: RFC 6376 §3.2, whose tag=value syntax DMARC uses (RFC 9989 §4.7), makes such a record invalid, and receivers differ in which value, if any, they use"));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // The first tag is v=DMARC1 (checked before reading); read the first occurrence of every other tag.
        foreach (var tag in list.Tags.Skip(1))
        {
            if (seen.Add(tag.Name))
            {
                ReadTag(tag.Name.ToLowerInvariant(), tag.Value);
            }
        }

        if (_record.FailureOptions is not null && _record.FailureReports.Count == 0)
        {
            _issues.Add(new DmarcRecordIssue("fo", DmarcIssueKind.Ignored, "fo= has no effect without ruf= (RFC 9989 §4.7)"));
        }

        return _record with { Issues = _issues };
    }

    private void ReadTag(string name, string value)
    {
        switch (name)
        {
            case "v":
                // A second v= is a duplicate, already noted.
                break;
            case "p":
                var p = ReadPolicy(name, value);
                _record = _record with { Policy = p };
                break;
            case "sp":
                var sp = ReadPolicy(name, value);
                _record = _record with { SubdomainPolicy = sp };
                break;
            case "np":
                var np = ReadPolicy(name, value);
                _record = _record with { NonExistentPolicy = np };
                break;
            case "t":
                _record = _record with { Testing = ReadChoice(name, value, ["y", "n"], "n") == "y" };
                break;
            case "psd":
                _record = _record with
                {
                    Psd = ReadChoice(name, value, ["y", "n", "u"], "u") switch { "y" => DmarcPsd.Yes, "n" => DmarcPsd.No, _ => DmarcPsd.Unspecified },
                };
                break;
            case "adkim":
                _record = _record with { DkimAlignment = ReadChoice(name, value, ["r", "s"], "r") == "s" ? DmarcAlignmentMode.Strict : DmarcAlignmentMode.Relaxed };
                break;
            case "aspf":
                _record = _record with { SpfAlignment = ReadChoice(name, value, ["r", "s"], "r") == "s" ? DmarcAlignmentMode.Strict : DmarcAlignmentMode.Relaxed };
                break;
            case "rua":
                _record = _record with { AggregateReports = ReadUris(name, value) };
                break;
            case "ruf":
                _record = _record with { FailureReports = ReadUris(name, value) };
                break;
            case "fo":
                _record = _record with { FailureOptions = ReadFailureOptions(value) };
                break;
            case "pct":
                ReadPercent(value);
                break;
            case "ri":
                _record = _record with
                {
                    ReportInterval = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ri) ? ri : null,
                };
                _issues.Add(new DmarcRecordIssue(name, DmarcIssueKind.Removed, "ri= (report interval) was removed by RFC 9989 (historic, §9.3): receivers that follow it ignore it"));
                break;
            case "rf":
                _record = _record with { ReportFormat = value };
                _issues.Add(new DmarcRecordIssue(name, DmarcIssueKind.Removed, "rf= (failure report format) was removed by RFC 9989 (historic, §9.3): receivers that follow it ignore it"));
                break;
            default:
                _issues.Add(new DmarcRecordIssue(name, DmarcIssueKind.Unknown, $"{name}= is not a DMARC tag and is ignored (RFC 9989 §4.7)"));
                break;
        }
    }

    /// <summary>Reads a policy value; an invalid one marks the record (assign the result after calling this).</summary>
    private DmarcPolicy? ReadPolicy(string name, string value)
    {
        DmarcPolicy? policy = value.ToLowerInvariant() switch
        {
            "none" => DmarcPolicy.None,
            "quarantine" => DmarcPolicy.Quarantine,
            "reject" => DmarcPolicy.Reject,
            _ => null,
        };
        if (policy is null)
        {
            _record = _record with { HasInvalidPolicy = true };
            _issues.Add(new DmarcRecordIssue(name, DmarcIssueKind.Invalid, $"{name}={DmarcRecord.Quote(value)} is not a policy: none, quarantine or reject (RFC 9989 §4.7)"));
        }

        return policy;
    }

    private string ReadChoice(string name, string value, string[] allowed, string fallback)
    {
        var lower = value.ToLowerInvariant();
        if (allowed.Contains(lower, StringComparer.Ordinal))
        {
            return lower;
        }

        _issues.Add(new DmarcRecordIssue(name, DmarcIssueKind.Invalid,
            $"{name}={DmarcRecord.Quote(value)} is not one of {string.Join(", ", allowed)}: receivers use the default, {fallback} (RFC 9989 §4.8)"));
        return fallback;
    }

    private List<DmarcReportUri> ReadUris(string name, string value)
    {
        var uris = value.Split(',').Select(u => DmarcReportUri.Parse(u)).ToList();
        foreach (var uri in uris)
        {
            if (!uri.IsValid)
            {
                var shown = uri.Text.Length == 0 ? "an empty entry" : $"\"{DmarcRecord.Quote(uri.Text)}\"";
                _issues.Add(new DmarcRecordIssue(name, DmarcIssueKind.Invalid, $"{name}= lists {shown}, which is not usable: {uri.Problem}"));
            }
            else if (uri.SizeLimit is not null)
            {
                _issues.Add(new DmarcRecordIssue(name, DmarcIssueKind.Obsolete,
                    $"the size limit !{uri.SizeLimit} on {uri.Uri} is obsolete syntax that receivers ignore (RFC 9989 §4.8)"));
            }
        }

        return uris;
    }

    // dmarc-fo: "0" or "1" (not both) and "d"/"s", colon-separated, each at most once (RFC 9989 §4.8).
    private string? ReadFailureOptions(string value)
    {
        var parts = value.Split(':').Select(p => p.Trim(' ', '\t').ToLowerInvariant()).ToList();
        var valid = parts.All(p => p is "0" or "1" or "d" or "s")
            && parts.Distinct(StringComparer.Ordinal).Count() == parts.Count
            && !(parts.Contains("0") && parts.Contains("1"));
        if (valid)
        {
            return value;
        }

        _issues.Add(new DmarcRecordIssue("fo", DmarcIssueKind.Invalid,
            $"fo={DmarcRecord.Quote(value)} is not a list of 0 or 1, d and s (each once, separated by \":\"): receivers use the default, 0 (RFC 9989 §4.8)"));
        return null;
    }

    private void ReadPercent(string value)
    {
        if (DmarcRecord.TryPercent(value, out var percent))
        {
            _record = _record with { Percent = percent };
            _issues.Add(new DmarcRecordIssue("pct", DmarcIssueKind.Removed, "pct= was removed by RFC 9989 (Appendix A.6; historic, §9.3)"));
        }
        else
        {
            _issues.Add(new DmarcRecordIssue("pct", DmarcIssueKind.Invalid,
                $"pct={DmarcRecord.Quote(value)} is not a number from 0 to 100; RFC 9989 removed the tag (Appendix A.6), and RFC 7489 receivers use the default, 100"));
        }
    }
}
