using System.ComponentModel.DataAnnotations;

namespace MailCheck.Web.Hosting;

/// <summary>Top-level keys of the <c>MailCheck</c> configuration section used by the web host.</summary>
public sealed class MailCheckWebOptions
{
    public const string SectionName = "MailCheck";

    /// <summary>
    /// The path the app lives under behind a reverse proxy, e.g. <c>/mailcheck</c>; empty for the root.
    /// Must start with "/" and not end with one.
    /// </summary>
    [RegularExpression("^(/[A-Za-z0-9._~-]+)*$", ErrorMessage = "MailCheck:PathBase must look like /mailcheck (start with '/', no trailing '/').")]
    public string PathBase { get; set; } = "";

    /// <summary>On shutdown, how long running checks may go on before they are stopped and recorded as interrupted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "MailCheck:ShutdownGrace must be between 00:00:00 and 01:00:00.")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);
}
