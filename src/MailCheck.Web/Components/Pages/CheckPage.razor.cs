using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Components.Transcript;
using MailCheck.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MailCheck.Web.Components.Pages;

/// <summary>
/// A check's result, live while it runs. Registers with the notifier first, then reads the store; <see cref="CheckView"/>
/// drops duplicates by Seq, so a viewer who joins mid-run misses nothing and sees nothing twice.
/// </summary>
public partial class CheckPage : IDisposable
{
    private CheckView? _view;
    private IDisposable? _subscription;
    private bool _found;
    private bool _interactive;
    private bool _copied;
    private string? _copyMessage;

    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    private ICheckStore Store { get; set; } = default!;

    [Inject]
    private ICheckNotifier Notifier { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    private string ShareUrl => Navigation.ToAbsoluteUri($"checks/{Id}").ToString();

    /// <summary>The share URL up to the id, cut after each "/" (where a narrow screen may wrap it).</summary>
    private IEnumerable<string> ShareUrlParts
    {
        get
        {
            var prefix = ShareUrl[..^Id.Length];
            // "https://host/" stays whole.
            var scheme = prefix.IndexOf("://", StringComparison.Ordinal);
            var start = 0;
            for (var slash = prefix.IndexOf('/', scheme < 0 ? 0 : scheme + 3); slash >= 0; slash = prefix.IndexOf('/', slash + 1))
            {
                yield return prefix[start..(slash + 1)];
                start = slash + 1;
            }

            if (start < prefix.Length)
            {
                yield return prefix[start..];
            }
        }
    }

    private string Title => _view?.Result is { } result
        ? $"{OutcomeText.Label(result.Outcome)}: {_view.Domain} — MailCheck"
        : _view is { Domain.Length: > 0 } ? $"Checking {_view.Domain} — MailCheck" : "Check — MailCheck";

    protected override async Task OnParametersSetAsync()
    {
        if (_view?.Id == Id)
        {
            return;
        }

        _subscription?.Dispose();
        _subscription = null;
        _found = false;
        var view = new CheckView(Id);
        _view = view;
        if (!CheckId.IsValid(Id))
        {
            Navigation.NotFound();
            return;
        }

        // Register first, then read the store: nothing that happens in between is lost.
        _subscription = Notifier.Subscribe(Id, update => _ = InvokeAsync(() =>
        {
            if (ReferenceEquals(_view, view) && view.Apply(update))
            {
                StateHasChanged();
            }
        }));

        var stored = await Store.GetAsync(Id, CancellationToken.None);
        if (stored is null)
        {
            _subscription.Dispose();
            _subscription = null;
            Navigation.NotFound();
            return;
        }

        view.Load(stored);
        _found = true;
        if (view.IsFinished)
        {
            _subscription.Dispose();
            _subscription = null;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _found)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task CopyLinkAsync()
    {
        try
        {
            _copied = await Js.InvokeAsync<bool>("mailcheck.copy", ShareUrl);
        }
        catch (JSException)
        {
            _copied = false;
        }

        // Said in a polite status region: a changed button label alone is not announced, and a failed copy said nothing.
        _copyMessage = _copied ? "Link copied to the clipboard." : "Could not copy here: select the link below and copy it.";
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        GC.SuppressFinalize(this);
    }
}
