using System.Text;
using MailCheck.Core.Smtp;

namespace MailCheck.Core.Tests.Smtp;

public class SmtpReplyReaderTests
{
    private static SmtpReplyReader Reader(string text) => Reader(Encoding.UTF8.GetBytes(text));

    private static SmtpReplyReader Reader(byte[] bytes) => new(new MemoryStream(bytes), 4096, 64 * 1024);

    [Fact]
    public async Task ReadReplyAsync_SingleLine_ParsesCodeAndText()
    {
        var reply = await Reader("220 mx.example.com ESMTP ready\r\n").ReadReplyAsync(CancellationToken.None);

        Assert.Equal(220, reply.Code);
        Assert.Equal(["220 mx.example.com ESMTP ready"], reply.Lines);
        Assert.Null(reply.EnhancedCode);
    }

    [Fact]
    public async Task ReadReplyAsync_MultiLine_CollectsEveryLine()
    {
        var reader = Reader("250-mx.example.com\r\n250-PIPELINING\r\n250 SIZE 1000\r\n221 bye\r\n");

        var reply = await reader.ReadReplyAsync(CancellationToken.None);
        var next = await reader.ReadReplyAsync(CancellationToken.None);

        Assert.Equal(250, reply.Code);
        Assert.Equal(3, reply.Lines.Count);
        Assert.Equal("250 SIZE 1000", reply.Lines[2]);
        Assert.Equal(221, next.Code);
    }

    [Fact]
    public async Task ReadReplyAsync_BareCodeLine_IsFinalLine()
    {
        var reply = await Reader("250-first\r\n250\r\n").ReadReplyAsync(CancellationToken.None);

        Assert.Equal(["250-first", "250"], reply.Lines);
    }

    [Fact]
    public async Task ReadReplyAsync_BareLf_IsAcceptedLeniently()
    {
        var reader = Reader("250-a\n250 b\n354 go\n");

        var reply = await reader.ReadReplyAsync(CancellationToken.None);

        Assert.Equal(["250-a", "250 b"], reply.Lines);
        Assert.Equal(354, (await reader.ReadReplyAsync(CancellationToken.None)).Code);
    }

    [Theory]
    [InlineData("550 5.1.1 <x@example.com>: user unknown", "5.1.1")]
    [InlineData("451 4.7.1 greylisted", "4.7.1")]
    [InlineData("250 2.0.0", "2.0.0")]
    [InlineData("550 5.7.26 unauthenticated", "5.7.26")]
    [InlineData("554 5.123.456 x", "5.123.456")]
    [InlineData("550 4.1.1 wrong class", null)]
    [InlineData("220 1.2.3 version", null)]
    [InlineData("550 5.1.1234 too long", null)]
    [InlineData("550 5.1 short", null)]
    [InlineData("550 5.1.1x glued", null)]
    [InlineData("550 user unknown", null)]
    public async Task ReadReplyAsync_EnhancedCode_ParsedOnlyWhenWellFormed(string line, string? expected)
    {
        var reply = await Reader(line + "\r\n").ReadReplyAsync(CancellationToken.None);

        Assert.Equal(expected, reply.EnhancedCode);
    }

    [Theory]
    [InlineData("250-a\r\n251 b\r\n", "different codes")]
    [InlineData("abc hello\r\n", "three-digit")]
    [InlineData("2x0 hello\r\n", "three-digit")]
    [InlineData("650 hello\r\n", "three-digit")]
    [InlineData("25\r\n", "three-digit")]
    [InlineData("250_hello\r\n", "space or '-'")]
    public async Task ReadReplyAsync_MalformedReply_ThrowsKeepingRawText(string text, string reason)
    {
        var ex = await Assert.ThrowsAsync<SmtpProtocolException>(() => Reader(text).ReadReplyAsync(CancellationToken.None));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(text.Split("\r\n")[0], ex.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReplyAsync_MismatchedCodes_RawTextHasBothLines()
    {
        var ex = await Assert.ThrowsAsync<SmtpProtocolException>(
            () => Reader("250-mx.example.com\r\n550 nope\r\n").ReadReplyAsync(CancellationToken.None));

        Assert.Equal("250-mx.example.com\n550 nope", ex.RawText);
    }

    [Fact]
    public async Task ReadReplyAsync_InvalidUtf8_Throws()
    {
        byte[] bytes = [.. "250 caf"u8, 0xC3, 0x28, .. "\r\n"u8];

        var ex = await Assert.ThrowsAsync<SmtpProtocolException>(() => Reader(bytes).ReadReplyAsync(CancellationToken.None));

        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("250 caf", ex.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReplyAsync_Utf8Text_IsDecoded()
    {
        var reply = await Reader("250 Grüße\r\n").ReadReplyAsync(CancellationToken.None);

        Assert.Equal("250 Grüße", reply.Lines[0]);
    }

    [Fact]
    public async Task ReadReplyAsync_LineOverLimit_Throws()
    {
        var text = "250 " + new string('x', 4100) + "\r\n";

        var ex = await Assert.ThrowsAsync<SmtpProtocolException>(() => Reader(text).ReadReplyAsync(CancellationToken.None));

        Assert.Contains("4096", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.RawText.Length < 1100, "raw text is truncated");
    }

    [Fact]
    public async Task ReadReplyAsync_LineExactlyAtLimit_IsAccepted()
    {
        var text = "250 " + new string('x', 4096 - 6) + "\r\n";

        var reply = await Reader(text).ReadReplyAsync(CancellationToken.None);

        Assert.Equal(4096 - 2, reply.Lines[0].Length);
    }

    [Fact]
    public async Task ReadReplyAsync_TenMegabytesOfContinuationLines_ThrowsWithBoundedReads()
    {
        var stream = new RepeatingStream("250-"u8.ToArray().Concat(Encoding.ASCII.GetBytes(new string('y', 60) + "\r\n")).ToArray(), 10 * 1024 * 1024);
        var reader = new SmtpReplyReader(stream, 4096, 64 * 1024);

        var ex = await Assert.ThrowsAsync<SmtpProtocolException>(() => reader.ReadReplyAsync(CancellationToken.None));

        Assert.Contains("longer than 65536", ex.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesRead < (64 * 1024) + 4096, $"read {stream.BytesRead} bytes");
        Assert.True(ex.RawText.Length < 1100);
    }

    [Fact]
    public async Task ReadReplyAsync_ConnectionClosedMidReply_ThrowsEndOfStream()
    {
        await Assert.ThrowsAsync<EndOfStreamException>(() => Reader("250-a\r\n250 b").ReadReplyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task BufferedCount_BytesAfterReply_AreReported()
    {
        var reader = Reader("220 go ahead\r\n250 injected\r\n");

        await reader.ReadReplyAsync(CancellationToken.None);

        Assert.Equal("250 injected\r\n".Length, reader.BufferedCount);
    }

    /// <summary>Produces a pattern over and over up to a length, counting what was read; it never holds it all.</summary>
    private sealed class RepeatingStream(byte[] pattern, long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = pattern[(int)((BytesRead + i) % pattern.Length)];
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
