using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Components;

/// <summary>
/// MudBlazor's look as plain markup, for the parts of a page that only display. Every MudBlazor component is a
/// component instance per open page, with two render trees (Blazor keeps the previous one to diff against) and an
/// attribute dictionary, re-rendered whenever its parent renders because its child content is a fresh delegate each
/// time: on a result page about 70 of them held ~5 KB each per circuit and re-rendered on every live event
/// (docs/benchmarks.md, measure 5). The same classes on plain elements look the same (MudBlazor's stylesheet does the
/// styling), cost one frame each, and an icon is one string made once and shared by every page.
/// </summary>
internal static class MudMarkup
{
    /// <summary>
    /// The encoder of every piece of markup made by hand (here, the transcript's lines, the timing rows, the scorecard
    /// items): only what HTML needs (&amp; &lt; &gt; " ' and controls), so the text stays readable in the page's source and short.
    /// </summary>
    internal static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ConcurrentDictionary<(string Svg, string Size, string? Color, string? Class), MarkupString> Icons = new();

    /// <summary>
    /// A Material icon as MudIcon draws it: decorative (aria-hidden), <paramref name="size"/> small/medium/large,
    /// <paramref name="color"/> a MudBlazor colour name (success, warning, error, info, primary, secondary) or none.
    /// </summary>
    public static MarkupString Icon(string svg, string size = "medium", string? color = null, string? cssClass = null) =>
        Icons.GetOrAdd((svg, size, color, cssClass), static key =>
        {
            var color = key.Color is null ? "" : $" mud-{key.Color}-text";
            var extra = key.Class is null ? "" : " " + key.Class;
            return new MarkupString(
                $"<svg class=\"mud-icon-root mud-svg-icon{color} mud-icon-size-{key.Size}{extra}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Svg}</svg>");
        });

    /// <summary>
    /// A small MudChip that only displays: <paramref name="text"/> (encoded here), a MudBlazor colour name or null
    /// (default), outlined or filled, with an optional Material icon before the text.
    /// </summary>
    public static MarkupString Chip(string text, string? color, bool outlined = true, string? icon = null, string? cssClass = null)
    {
        var variant = outlined ? "outlined" : "filled";
        var extra = cssClass is null ? "" : " " + cssClass;
        var svg = icon is null ? "" : Icon(icon, "small", null, "mud-chip-icon").Value;
        return new MarkupString(
            $"<div class=\"mud-chip-container\"><div class=\"mud-chip mud-chip-{variant} mud-chip-size-small mud-chip-color-{color ?? "default"}{extra}\">{svg}<span class=\"mud-chip-content\">{Encoder.Encode(text)}</span></div></div>");
    }

    private static readonly ConcurrentDictionary<(string Icon, string Text, string? TextClass), MarkupString> Labels = new();

    /// <summary>
    /// The inside of a MudButton with a start icon: the icon and <paramref name="text"/> (encoded here; in a span of
    /// <paramref name="textClass"/> when given). Button texts are a fixed few, so each label is made once and shared.
    /// </summary>
    public static MarkupString ButtonLabel(string icon, string text, string? textClass = null) =>
        Labels.GetOrAdd((icon, text, textClass), static key =>
        {
            var text = Encoder.Encode(key.Text);
            var inner = key.TextClass is null ? text : $"<span class=\"{key.TextClass}\">{text}</span>";
            return new MarkupString(
                $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-medium\">{Icon(key.Icon).Value}</span>{inner}</span>");
        });

    /// <summary>The class list of a MudButton of this variant (text, outlined, filled) and colour (primary, inherit).</summary>
    public static string ButtonClass(string variant, string color = "primary") =>
        $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{color} mud-button-{variant}-size-medium mud-ripple";

    /// <summary>The MudBlazor colour name of a <see cref="MudBlazor.Color"/>, as the icon and chip classes spell it.</summary>
    public static string? ColorName(MudBlazor.Color color) => color switch
    {
        MudBlazor.Color.Default or MudBlazor.Color.Inherit => null,
        _ => color.ToString().ToLowerInvariant(),
    };
}
