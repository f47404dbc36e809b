using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using Microsoft.AspNetCore.Components;

namespace MailCheck.Web.Components.Pages;

/// <summary>
/// The home page: the check form. Submitting queues the check and opens its result page at once.
/// </summary>
/// <remarks>
/// The form is prerendered: it shows, and takes typing, before the circuit connects. The live form starts from the
/// state the prerender persisted (the same subject, the same "run again" values: nothing is loaded twice), and
/// js/mailcheck.js carries over what the person typed or chose meanwhile. Submitting waits for the live form, so
/// nothing runs on a half-restored form.
/// </remarks>
public partial class Home : IDisposable
{
    /// <summary>The key under which the prerendered form is handed to the live one.</summary>
    internal const string PersistedFormKey = "mailcheck-home-form";

    /// <summary>Room for five long addresses and their separators.</summary>
    private const int MaxRecipientsText = (CheckRequestValidator.MaxAddressLength + 2) * CheckRequestValidator.MaxRecipients;
    private const int MaxAddress = CheckRequestValidator.MaxAddressLength;

    private static readonly (CheckMode Mode, string Name, string Help)[] Modes =
    [
        (CheckMode.Send, "Send a test message", "The whole conversation: the message is delivered if the server accepts it."),
        (CheckMode.Probe, "Probe the recipients", "Asks whether the recipients would be accepted, then stops: nothing is delivered."),
        (CheckMode.Connect, "Connect only", "Greeting, EHLO and TLS: shows what the server offers, names no sender or recipient."),
    ];

    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private CheckForm _form = new();
    private bool _showAllErrors;
    private bool _interactive;
    private bool _submitting;
    private bool _advancedOpen;
    private string? _submitError;
    private PersistingComponentStateSubscription _persisting;

    /// <summary>"Run again": the id of the check to copy (everything but the password).</summary>
    [SupplyParameterFromQuery(Name = "again")]
    public string? Again { get; set; }

    [CascadingParameter]
    public ClientContext? Client { get; set; }

    [Inject]
    private CheckSubmissionService Submissions { get; set; } = default!;

    [Inject]
    private ICheckStore Store { get; set; } = default!;

    [Inject]
    private CheckModeAvailability ModeAvailability { get; set; } = default!;

    [Inject]
    private RequestDefaults Defaults { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private PersistentComponentState PersistentState { get; set; } = default!;

    private string DefaultFrom => Defaults.From;

    private string DefaultEhlo => Defaults.EhloName;

    /// <summary>Only a live form submits: before the circuit connects a click would be lost or reload the page.</summary>
    private bool CanSubmit => _interactive && !_submitting && _errors.Count == 0;

    private string SubmitLabel => _form.Mode switch
    {
        CheckMode.Probe => "Probe",
        CheckMode.Connect => "Connect",
        _ => "Send test message",
    };

    /// <summary>What an empty Recipients field means, derived only from a valid target.</summary>
    private string RecipientsHelp => $"Up to {CheckRequestValidator.MaxRecipients}, separated by commas. Empty: " + (_form.ValidDefaultRecipient is { } recipient
        ? recipient
        : _form.Target.Contains('@', StringComparison.Ordinal) ? "the address above." : "postmaster at the domain above.");

    private string SubmitHint => string.IsNullOrWhiteSpace(_form.Target)
        ? "Enter a domain or an address to start."
        : "Fix the highlighted fields to start.";

    protected override async Task OnInitializedAsync()
    {
        _persisting = PersistentState.RegisterOnPersisting(PersistForm);
        if (PersistentState.TryTakeFromJson<CheckForm>(PersistedFormKey, out var prerendered) && prerendered is not null)
        {
            // The live form starts exactly where the prerendered one did (synchronously: no blank first render).
            _form = prerendered;
        }
        else
        {
            _form = new CheckForm { Subject = RequestDefaults.Subject(Time.GetUtcNow()) };
            if (CheckId.IsValid(Again) && await Store.GetAsync(Again!, CancellationToken.None) is { } earlier)
            {
                _form = CheckForm.Of(earlier.Request, Time.GetUtcNow());
            }
        }

        if (_form.FromEarlierCheck)
        {
            _advancedOpen = _form.Port != 25 || _form.Tls != TlsPolicy.Opportunistic || _form.EhloName.Length > 0 || _form.AuthUsername.Length > 0;
            _showAllErrors = true;
        }

        if (ModeAvailability.Unavailable(_form.Mode) is not null)
        {
            _form.Mode = Modes.Select(m => m.Mode).FirstOrDefault(m => ModeAvailability.Unavailable(m) is null);
        }

        Validate();
    }

    /// <summary>Hands the form to the live circuit (or to a resumed one), never with a password in it.</summary>
    private Task PersistForm()
    {
        PersistentState.PersistAsJson(PersistedFormKey, _form.WithoutPassword());
        return Task.CompletedTask;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Tells browser tests (and people) that the circuit is live: clicks now reach the server.
            _interactive = true;
            StateHasChanged();
        }
    }

    private static readonly string[] AdvancedFields = ["port", "tls", "ehloName", "auth.username", "auth.password", "auth", "dkimSelectors"];

    /// <summary>Open when the person opened it, or when one of its fields shows an error (never hide a problem).</summary>
    private bool AdvancedShown => _advancedOpen || AdvancedFields.Any(HasError);

    private void ToggleAdvanced() => _advancedOpen = !AdvancedShown;

    private bool IsModeAllowed(CheckMode mode) => ModeAvailability.Unavailable(mode) is null;

    private void Set(Action apply, string field)
    {
        apply();
        _touched.Add(field);
        _submitError = null;
        Validate();
    }

    /// <summary>User name and password are judged together ("give the user name too"): typing in one shows both.</summary>
    private void SetAuth(Action apply)
    {
        _touched.Add("auth.username");
        Set(apply, "auth.password");
    }

    private void SetPort(int port)
    {
        // Port 465 speaks TLS from the first byte; follow the usual pairing unless the person chose otherwise.
        if (port == 465 && _form.Tls == TlsPolicy.Opportunistic)
        {
            _form.Tls = TlsPolicy.Implicit;
        }
        else if (port != 465 && _form.Tls == TlsPolicy.Implicit)
        {
            _form.Tls = TlsPolicy.Opportunistic;
        }

        Set(() => _form.Port = port, "port");
    }

    private CheckRequest ToRequest() => Defaults.Complete(_form.ToInput(), Time.GetUtcNow());

    private void Validate()
    {
        var request = ToRequest();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        // A field's own message wins over one mapped onto it (e.g. "to" shown on the domain field).
        foreach (var error in CheckRequestValidator.Validate(request).Errors.OrderBy(e => FormField(e.Field) == e.Field ? 0 : 1))
        {
            var key = FormField(error.Field);
            errors.TryAdd(key, error.Message);
        }

        if (ModeAvailability.Unavailable(_form.Mode) is { } reason)
        {
            errors.TryAdd("mode", reason);
        }

        _errors = errors;
    }

    /// <summary>Maps the engine's field names (to[1], auth.password ...) onto the form's fields.</summary>
    private string FormField(string field)
    {
        if (field.StartsWith("to", StringComparison.Ordinal))
        {
            // With the recipients left empty, the recipient comes from the first field.
            return string.IsNullOrWhiteSpace(_form.Recipients) ? "domain" : "to";
        }

        // dkimSelectors[2] → the one selectors field.
        return field.StartsWith("dkimSelectors", StringComparison.Ordinal) ? "dkimSelectors" : field;
    }

    private bool HasError(string field) => (_showAllErrors || _touched.Contains(field)) && _errors.ContainsKey(field);

    private string? ErrorFor(string field) => HasError(field) ? _errors[field] : null;

    /// <summary>
    /// The id of the element showing <paramref name="field"/>'s error (MudBlazor renders it from ErrorId), for
    /// aria-errormessage; null while the field shows none. MudBlazor points aria-describedby at the same element.
    /// </summary>
    private string? ErrorMessageId(string field, string inputId) => HasError(field) ? $"{inputId}-error" : null;

    /// <summary>
    /// The id of <paramref name="field"/>'s help text while it shows no error (an error takes the help text's place,
    /// so aria-describedby then names only the error).
    /// </summary>
    private string? HelpId(string field, string inputId) => HasError(field) ? null : $"{inputId}-help";

    private static string TlsHelp(TlsPolicy tls) => tls switch
    {
        TlsPolicy.Opportunistic => "Like most mail servers: encrypt when the other side offers it.",
        TlsPolicy.Required => "Fails unless STARTTLS works with a certificate that checks out.",
        TlsPolicy.None => "Never encrypts: shows what a server does with plain text.",
        TlsPolicy.Implicit => "For port 465: the connection starts with TLS.",
        _ => "",
    };

    private async Task SubmitAsync()
    {
        Validate();
        if (!CanSubmit)
        {
            _showAllErrors = true;
            return;
        }

        _submitting = true;
        _submitError = null;
        try
        {
            var result = await Submissions.SubmitAsync(ToRequest(), Client?.ClientIp, CancellationToken.None);
            switch (result)
            {
                case SubmissionResult.Accepted accepted:
                    Navigation.NavigateTo($"checks/{accepted.Id}");
                    return;
                case SubmissionResult.Invalid invalid:
                    _errors = invalid.Errors.GroupBy(e => FormField(e.Field)).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
                    _showAllErrors = true;
                    _submitError = "Nothing was sent: " + string.Join(" ", invalid.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal));
                    break;
                case SubmissionResult.Busy busy:
                    _submitError = busy.Message;
                    break;
                case SubmissionResult.Refused refused:
                    _submitError = refused.RetryAfter is { } retry
                        ? $"{refused.Message} Try again in {FormatWait(retry)}."
                        : refused.Message;
                    break;
            }
        }
        finally
        {
            _submitting = false;
        }
    }

    public void Dispose()
    {
        _persisting.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string FormatWait(TimeSpan wait) => wait.TotalMinutes >= 1
        ? $"{Math.Ceiling(wait.TotalMinutes):0} minutes"
        : $"{Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} seconds";
}
