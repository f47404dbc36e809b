using MailCheck.Web.Receive;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MailCheck.Web.Components.Transcript;

/// <summary>
/// The receive side of a result page: while the check waits, its address with a copy button and a way to stop waiting;
/// once the message came, its header fields, MIME structure and body as text (never rendered), for whoever holds the
/// check's link.
/// </summary>
public partial class ReceivePanel
{
    private bool _copied;
    private string? _copyMessage;
    private bool _stopping;
    private string? _stopMessage;
    private (string Text, string What, bool Cut)? _body;
    private bool _bodyLoaded;

    [Parameter, EditorRequired]
    public CheckView View { get; set; } = default!;

    [Parameter, EditorRequired]
    public string CheckId { get; set; } = "";

    [Inject]
    private ReceiveChecks Receiving { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private string State => View.IsFinished ? (View.ReceivedMessage is null ? "ended" : "judged")
        : View.ReceivedMessage is not null ? "judging"
        : View.SenderConnected ? "receiving" : "waiting";

    protected override async Task OnParametersSetAsync()
    {
        // The body is read from the store once the message event is there (the stored message comes with it).
        if (!_bodyLoaded && View.ReceivedMessage is not null)
        {
            _bodyLoaded = true;
            if (await Receiving.GetMessageAsync(CheckId, CancellationToken.None) is { } stored)
            {
                _body = ReceivedMessageText.Preview(stored.Message);
            }
        }
    }

    private string Left(DateTimeOffset expires)
    {
        var left = expires - Time.GetUtcNow();
        return left <= TimeSpan.Zero ? "time is up"
            : left.TotalMinutes >= 1 ? $"{Math.Ceiling(left.TotalMinutes):0} min left"
            : $"{Math.Ceiling(left.TotalSeconds):0} s left";
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private async Task CopyAsync()
    {
        try
        {
            _copied = await Js.InvokeAsync<bool>("mailcheck.copy", View.ReceiveWait!.Address);
        }
        catch (JSException)
        {
            _copied = false;
        }

        _copyMessage = _copied ? "Address copied to the clipboard." : "Could not copy here: select the address and copy it.";
    }

    private async Task StopAsync()
    {
        _stopping = true;
        var stopped = await Receiving.CancelAsync(CheckId, CancellationToken.None);
        _stopMessage = stopped ? "Stopped: the address takes no message now." : "Could not stop: a message is arriving or has arrived.";
        _stopping = stopped;
    }
}
