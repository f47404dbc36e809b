using System.ComponentModel.DataAnnotations;

namespace MailCheck.Web.Hosting;

/// <summary>Configuration section <c>MailCheck:Limits</c>: how much work MailCheck takes on at once.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "MailCheck:Limits";

    /// <summary>Checks that run at the same time; more wait in the queue.</summary>
    [Range(1, 256, ErrorMessage = "MailCheck:Limits:MaxConcurrentChecks must be between 1 and 256.")]
    public int MaxConcurrentChecks { get; set; } = 8;

    /// <summary>Checks that may wait in the queue; when it is full, new checks are refused with "busy".</summary>
    [Range(1, 100_000, ErrorMessage = "MailCheck:Limits:QueueCapacity must be between 1 and 100000.")]
    public int QueueCapacity { get; set; } = 64;
}
