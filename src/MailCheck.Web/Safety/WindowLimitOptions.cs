using System.ComponentModel.DataAnnotations;

namespace MailCheck.Web.Safety;

/// <summary>One rate limit: at most <see cref="Limit"/> accepted checks per key within any <see cref="Window"/>.</summary>
public sealed class WindowLimitOptions
{
    /// <summary>Checks allowed per key within one window.</summary>
    [Range(1, 1000)]
    public int Limit { get; set; }

    /// <summary>The length of the (sliding) window.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Window { get; set; }

    /// <summary>
    /// Most keys (clients or domains) remembered at once. When a new key arrives and the table is full, expired
    /// entries are dropped first, then the key that has been quiet longest.
    /// </summary>
    [Range(16, 1_000_000)]
    public int MaxTrackedKeys { get; set; } = 10_000;
}
