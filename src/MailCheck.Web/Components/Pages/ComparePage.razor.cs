using MailCheck.Core.Checks;
using MailCheck.Core.Comparison;
using MailCheck.Web.Api;
using MailCheck.Web.Data;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Components.Pages;

/// <summary>
/// Two checks side by side, only what differs (Core's <see cref="CheckComparer"/>, the same as
/// <c>GET /api/checks/{a}/compare/{b}</c>), then "everything else is the same".
/// </summary>
public partial class ComparePage
{
    private CheckComparison? _comparison;
    private bool _interactive;
    private (string, string)? _loaded;

    [Parameter]
    public string A { get; set; } = "";

    [Parameter]
    public string B { get; set; } = "";

    [Inject]
    private ICheckStore Store { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string Title => _comparison is { } c
        ? $"What changed: {c.After.Domain} — MailCheck"
        : "Compare checks — MailCheck";

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (A, B))
        {
            return;
        }

        _loaded = (A, B);
        _comparison = null;
        var a = CheckId.IsValid(A) ? await Store.GetAsync(A, CancellationToken.None) : null;
        var b = CheckId.IsValid(B) ? await Store.GetAsync(B, CancellationToken.None) : null;
        if (a is null || b is null)
        {
            Navigation.NotFound();
            return;
        }

        _comparison = CheckComparer.Compare(CheckDocuments.Snapshot(a), CheckDocuments.Snapshot(b));
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _comparison is not null)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private static string Count(int n) => n == 1 ? "1 difference" : $"{n} differences";

    private static string Css(ComparisonArea area)
    {
        var name = area.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string AreaTitle(ComparisonArea area) => area switch
    {
        ComparisonArea.Outcome => "Outcome",
        ComparisonArea.Mx => "MX hosts",
        ComparisonArea.Addresses => "Addresses",
        ComparisonArea.Capabilities => "Extensions (EHLO)",
        ComparisonArea.Certificate => "Certificate",
        ComparisonArea.Tls => "TLS",
        ComparisonArea.Replies => "Replies",
        ComparisonArea.Timing => "Timing",
        _ => "Scorecard",
    };

    /// <summary>
    /// What an absent value means in an area: no reply at that step (not reached, or not part of that check: the notes say
    /// when the checks did different things), an item not judged, a host not there.
    /// </summary>
    private static string Missing(ComparisonArea area) => area switch
    {
        ComparisonArea.Replies => "no reply",
        ComparisonArea.Timing => "no such step",
        ComparisonArea.Scorecard => "not judged",
        ComparisonArea.Certificate or ComparisonArea.Tls => "no TLS",
        _ => "none",
    };

    private static RenderFragment Value(string? value, string missing) => builder =>
    {
        if (value is null)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", "mc-muted");
            builder.AddContent(2, missing);
            builder.CloseElement();
        }
        else
        {
            builder.AddContent(3, value);
        }
    };
}
