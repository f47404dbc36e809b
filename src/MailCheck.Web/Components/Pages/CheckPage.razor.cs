using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Components.Transcript;
using MailCheck.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MailCheck.Web.Components.Pages;

/// <summary>
/// A check's result, live while it runs: the stored check first (so the first render shows it), then the live
/// <see cref="CheckFeed"/> from the last stored event on (it subscribes before it reads, and drops duplicates by Seq),
/// so a viewer who joins mid-run misses nothing and sees nothing twice, whichever instance runs the check.
/// </summary>
public partial class CheckPage : IDisposable
{
    private CheckView? _view;
    private CancellationTokenSource? _following;
    private readonly List<(CheckView View, CheckEvent Event)> _arrived = [];
    private bool _applyScheduled;
    private bool _found;
    private bool _interactive;
    private bool _copied;
    private string? _copyMessage;

    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    private ICheckStore Store { get; set; } = default!;

    [Inject]
    private CheckFeed Feed { get; set; } = default!;

    [Inject]
    private SharedEvents Shared { get; set; } = default!;

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

    private string Title => _view is { IsReceive: true }
        ? (_view.Result is { } received ? $"{OutcomeText.Label(received.Outcome)}: receive check — MailCheck" : "Waiting for a message — MailCheck")
        : _view?.Result is { } result
        ? $"{OutcomeText.Label(result.Outcome)}: {_view.Domain} — MailCheck"
        : _view is { Domain.Length: > 0 } ? $"Checking {_view.Domain} — MailCheck" : "Check — MailCheck";

    protected override async Task OnParametersSetAsync()
    {
        if (_view?.Id == Id)
        {
            return;
        }

        StopFollowing();
        _found = false;
        var view = new CheckView(Id);
        _view = view;
        if (!CheckId.IsValid(Id))
        {
            Navigation.NotFound();
            return;
        }

        var stored = await Store.GetAsync(Id, CancellationToken.None);
        if (stored is null)
        {
            Navigation.NotFound();
            return;
        }

        // The events other pages of this check already hold, rather than a copy of each per page.
        view.Load(Shared.Share(stored));
        _found = true;
        if (!view.IsFinished)
        {
            _following = new CancellationTokenSource();
            _ = FollowAsync(view, stored.Events.Count == 0 ? 0 : stored.Events[^1].Seq, _following.Token);
        }
    }

    /// <summary>
    /// Applies the live feed to the view until the outcome (or until the page goes away). Events that arrive while the
    /// circuit is still busy with earlier ones are applied together with one render (a burst, or many pages watching one
    /// check on a busy server), instead of one render and one diff per event; each is still added once, in order.
    /// </summary>
    private async Task FollowAsync(CheckView view, int afterSeq, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var checkEvent in Feed.WatchAsync(view.Id, afterSeq, cancellationToken))
            {
                bool schedule;
                lock (_arrived)
                {
                    _arrived.Add((view, checkEvent));
                    schedule = !_applyScheduled;
                    _applyScheduled = true;
                }

                if (schedule)
                {
                    _ = ApplyArrivedAsync();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away or shows another check.
        }
        catch (KeyNotFoundException)
        {
            // Deleted meanwhile: what is shown stays.
        }
    }

    private async Task ApplyArrivedAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                List<(CheckView View, CheckEvent Event)> arrived;
                lock (_arrived)
                {
                    arrived = [.. _arrived];
                    _arrived.Clear();
                    _applyScheduled = false;
                }

                var changed = false;
                foreach (var (view, checkEvent) in arrived)
                {
                    changed |= ReferenceEquals(_view, view) && view.Add(checkEvent);
                }

                if (changed)
                {
                    StateHasChanged();
                }
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away meanwhile.
        }
    }

    private void StopFollowing()
    {
        if (_following is not null)
        {
            _following.Cancel();
            _following.Dispose();
            _following = null;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The first render after the check was found: with a store that answers asynchronously (PostgreSQL) the
        // circuit's very first render comes before that, so "firstRender" alone would never mark the page live.
        if (!_interactive && _found)
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
        StopFollowing();
        GC.SuppressFinalize(this);
    }
}
