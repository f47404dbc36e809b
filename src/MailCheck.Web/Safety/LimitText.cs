using System.Globalization;

namespace MailCheck.Web.Safety;

/// <summary>Plain words for limit windows and waits: "10 minutes", "1 hour", "45 seconds".</summary>
public static class LimitText
{
    public static string Window(TimeSpan window) => window switch
    {
        { TotalDays: >= 1 } when window.TotalDays % 1 == 0 => Plural((int)window.TotalDays, "day"),
        { TotalHours: >= 1 } when window.TotalHours % 1 == 0 => Plural((int)window.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when window.TotalMinutes % 1 == 0 => Plural((int)window.TotalMinutes, "minute"),
        _ => Plural((int)Math.Ceiling(window.TotalSeconds), "second"),
    };

    /// <summary>Whole seconds to wait, rounded up, at least 1 (the value of a <c>Retry-After</c> header).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>"Try again in 42 seconds."</summary>
    public static string TryAgain(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"Try again in {Seconds(wait)} seconds.");

    private static string Plural(int n, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
}
