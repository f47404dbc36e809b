using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MailCheck.Web.Data;

/// <summary>Stores instants as Unix milliseconds (UTC), which SQLite sorts and compares as numbers.</summary>
public sealed class DateTimeOffsetToUnixMillisecondsConverter()
    : ValueConverter<DateTimeOffset, long>(
        value => value.ToUnixTimeMilliseconds(),
        value => DateTimeOffset.FromUnixTimeMilliseconds(value));
