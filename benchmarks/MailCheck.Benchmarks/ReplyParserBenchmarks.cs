using System.Text;
using BenchmarkDotNet.Attributes;
using MailCheck.Core.Smtp;

namespace MailCheck.Benchmarks;

/// <summary>The RFC 5321 reply reader over an in-memory stream: no network, parsing only.</summary>
[MemoryDiagnoser]
public class ReplyParserBenchmarks
{
    private static readonly byte[] SingleLine = Encoding.ASCII.GetBytes("250 2.1.5 Ok: recipient accepted\r\n");

    private static readonly byte[] EhloReply = Encoding.ASCII.GetBytes(
        "250-mx1.example.com Hello client.example.org [192.0.2.10]\r\n" +
        "250-SIZE 52428800\r\n" +
        "250-PIPELINING\r\n" +
        "250-8BITMIME\r\n" +
        "250-STARTTLS\r\n" +
        "250-ENHANCEDSTATUSCODES\r\n" +
        "250-SMTPUTF8\r\n" +
        "250-CHUNKING\r\n" +
        "250-DSN\r\n" +
        "250 AUTH PLAIN LOGIN\r\n");

    private readonly MemoryStream _single = new(SingleLine, writable: false);
    private readonly MemoryStream _ehlo = new(EhloReply, writable: false);
    private SmtpReplyReader _singleReader = null!;
    private SmtpReplyReader _ehloReader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _singleReader = new SmtpReplyReader(_single, 4096, 64 * 1024);
        _ehloReader = new SmtpReplyReader(_ehlo, 4096, 64 * 1024);
    }

    [Benchmark(Description = "single-line reply (250 2.1.5)")]
    public async Task<SmtpReply> SingleLineReply()
    {
        _single.Position = 0;
        return await _singleReader.ReadReplyAsync(CancellationToken.None).ConfigureAwait(false);
    }

    [Benchmark(Description = "10-line EHLO reply")]
    public async Task<SmtpReply> TenLineEhloReply()
    {
        _ehlo.Position = 0;
        return await _ehloReader.ReadReplyAsync(CancellationToken.None).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _single.Dispose();
        _ehlo.Dispose();
    }
}
