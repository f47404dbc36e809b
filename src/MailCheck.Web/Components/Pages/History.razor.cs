using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Web.Data;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Components.Pages;

/// <summary>Recent checks, newest first, paged; filter by domain and outcome. Filters live in the query string.</summary>
public partial class History
{
    public const int PageSize = 20;

    private CheckHistoryPage? _page;
    private string? _domain;
    private CheckOutcome? _outcome;
    private int _pageNumber = 1;
    private bool _interactive;

    [SupplyParameterFromQuery(Name = "domain")]
    public string? DomainQuery { get; set; }

    [SupplyParameterFromQuery(Name = "outcome")]
    public string? OutcomeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageQuery { get; set; }

    [Inject]
    private ICheckStore Store { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_domain) || _outcome is not null;

    private int PageCount => _page is null ? 0 : Math.Max(1, (int)Math.Ceiling(_page.Total / (double)PageSize));

    private string RangeText => _page is null || _page.Total == 0
        ? ""
        : $"{((_pageNumber - 1) * PageSize) + 1}–{((_pageNumber - 1) * PageSize) + _page.Items.Count} of {_page.Total}";

    protected override async Task OnParametersSetAsync()
    {
        _domain = DomainQuery;
        _outcome = Enum.TryParse<CheckOutcome>(OutcomeQuery, ignoreCase: true, out var o) ? o : null;
        _pageNumber = Math.Max(1, PageQuery ?? 1);
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        _page = await Store.ListAsync(new CheckQuery(_domain, _outcome, (_pageNumber - 1) * PageSize, PageSize), CancellationToken.None);
    }

    private void OnDomainChanged(string? value)
    {
        _domain = value;
        _pageNumber = 1;
        Apply();
    }

    private void OnOutcomeChanged(CheckOutcome? value)
    {
        _outcome = value;
        _pageNumber = 1;
        Apply();
    }

    private void OnPageChanged(int page)
    {
        _pageNumber = page;
        Apply();
    }

    private void Apply()
    {
        var outcome = _outcome is { } o ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(o.ToString()) : null;
        var url = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["domain"] = string.IsNullOrWhiteSpace(_domain) ? null : _domain.Trim(),
            ["outcome"] = outcome,
            ["page"] = _pageNumber > 1 ? _pageNumber : null,
        });
        Navigation.NavigateTo(url, replace: true);
    }

    private string When(DateTimeOffset at)
    {
        var age = Time.GetUtcNow() - at;
        if (age < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        if (age < TimeSpan.FromHours(1))
        {
            return $"{(int)age.TotalMinutes} min ago";
        }

        return at.UtcDateTime.ToString(age < TimeSpan.FromDays(1) ? "HH:mm 'UTC'" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
