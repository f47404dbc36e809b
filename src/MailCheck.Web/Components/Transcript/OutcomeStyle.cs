using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MudBlazor;

namespace MailCheck.Web.Components.Transcript;

/// <summary>Colours and icons of outcomes, shared by the result page and the history.</summary>
public static class OutcomeStyle
{
    public static Color ColorOf(CheckOutcome outcome) =>
        OutcomeText.IsGood(outcome) ? Color.Success : OutcomeText.IsWarning(outcome) ? Color.Warning : Color.Error;

    public static string IconOf(CheckOutcome outcome) =>
        OutcomeText.IsGood(outcome) ? Icons.Material.Filled.CheckCircle
        : OutcomeText.IsWarning(outcome) ? Icons.Material.Filled.Schedule
        : outcome == CheckOutcome.Blocked ? Icons.Material.Filled.Block
        : Icons.Material.Filled.Error;

    /// <summary>A CSS class suffix: good, warn or bad.</summary>
    public static string ToneOf(CheckOutcome outcome) =>
        OutcomeText.IsGood(outcome) ? "good" : OutcomeText.IsWarning(outcome) ? "warn" : "bad";
}
