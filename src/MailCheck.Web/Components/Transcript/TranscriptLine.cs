using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MailCheck.Core.Checks;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Components.Transcript;

/// <summary>
/// One transcript line as finished HTML. A line never changes once it is written, so the page renders it as one markup
/// frame instead of a tree of some twenty elements, attributes and texts: a circuit keeps one string per line instead of
/// their render-tree frames (twice: Blazor keeps the previous tree to diff against), the diff of a live page compares
/// one reference per line, and the browser inserts a new line with one HTML parse instead of a call per node
/// (docs/benchmarks.md, measure 5). Every text is HTML-encoded here; the markup is the same as a Razor template's.
/// The HTML of an event is made once and shared by every page that holds the same event (the live feed hands one
/// instance to all watchers of a check).
/// </summary>
internal static class TranscriptLine
{
    private static readonly ConditionalWeakTable<CheckEvent, Html> Cache = [];

    /// <summary>The line of <paramref name="e"/>, with its target's tag when the check tested every MX.</summary>
    public static MarkupString Of(CheckEvent e, bool tagged)
    {
        var html = Cache.GetValue(e, static _ => new Html());
        ref var slot = ref tagged ? ref html.Tagged : ref html.Plain;
        slot ??= Build(e, tagged);
        return new MarkupString(slot);
    }

    private sealed class Html
    {
        public string? Plain;
        public string? Tagged;
    }

    private static string Build(CheckEvent e, bool tagged)
    {
        var b = new StringBuilder(256);
        var cls = LineClass(e);
        if (e.Direction == EventDirection.Server && (e.Code is not null || e.Explanation is not null))
        {
            b.Append("<details class=\"mc-line mc-reply ").Append(cls).Append("\" data-seq=\"").Append(e.Seq.ToString(CultureInfo.InvariantCulture))
                .Append("\"><summary title=\"What does this reply mean?\">");
            Columns(b, e, tagged);
            b.Append("<span class=\"mc-more\" aria-hidden=\"true\">?</span></summary><div class=\"mc-explain\">");
            if (e.Code is { } code)
            {
                b.Append("<span class=\"mc-code\">Reply ").Append(code.ToString(CultureInfo.InvariantCulture)).Append("</span>");
            }

            if (e.EnhancedCode is { } enhanced)
            {
                b.Append("<span class=\"mc-code\">Status ");
                Text(b, enhanced);
                b.Append("</span>");
            }

            b.Append("<span>");
            Text(b, e.Explanation ?? "");
            b.Append("</span></div></details>");
        }
        else
        {
            b.Append("<div class=\"mc-line ").Append(cls).Append("\" data-seq=\"").Append(e.Seq.ToString(CultureInfo.InvariantCulture)).Append("\">");
            Columns(b, e, tagged);
            if (e.Direction != EventDirection.Server && e.Explanation is { Length: > 0 } note)
            {
                b.Append("<div class=\"mc-note\">");
                Text(b, note);
                b.Append("</div>");
            }

            b.Append("</div>");
        }

        return b.ToString();
    }

    /// <summary>time | mark | body (tag, text, duration pill).</summary>
    private static void Columns(StringBuilder b, CheckEvent e, bool tagged)
    {
        b.Append("<span class=\"mc-t\">").Append(Time(e)).Append("</span><span class=\"mc-mark\">");
        Text(b, TranscriptFormatter.Mark(e));
        b.Append("</span><span class=\"mc-body\">");
        if (tagged && e.Target is { } target)
        {
            b.Append("<span class=\"mc-tag\" title=\"");
            Text(b, target.Label);
            b.Append("\">");
            Text(b, target.Tag);
            b.Append(" </span>");
        }

        b.Append("<span class=\"mc-text\">");
        Text(b, e.Text);
        b.Append("</span>");
        if (e.Duration is { } d)
        {
            b.Append("<span class=\"mc-dur\" title=\"How long this step took\"><span class=\"mc-sr-only\"> (took </span>")
                .Append(StatusHeader.FormatDuration(d)).Append("<span class=\"mc-sr-only\">)</span></span>");
        }

        b.Append("</span>");
    }

    private static void Text(StringBuilder b, string text) => b.Append(MudMarkup.Encoder.Encode(text));

    private static string LineClass(CheckEvent e) => (e.Direction, e.Kind) switch
    {
        (EventDirection.Client, _) => e.Secure ? "mc-client mc-secure" : "mc-client",
        (EventDirection.Server, _) => (e.Secure ? "mc-server mc-secure" : "mc-server") + ReplyTone(e.Code),
        _ when TranscriptFormatter.IsProblem(e) => "mc-info mc-problem",
        (_, EventKind.Outcome) => "mc-info mc-outcome",
        _ => "mc-info",
    };

    private static string ReplyTone(int? code) => code switch
    {
        >= 500 => " mc-r5",
        >= 400 => " mc-r4",
        _ => "",
    };

    private static string Time(CheckEvent e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Elapsed.TotalSeconds:0.000}s");
}
