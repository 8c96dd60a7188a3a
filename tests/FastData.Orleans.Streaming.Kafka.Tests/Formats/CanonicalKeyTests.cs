using FastData.Orleans.Streaming.Kafka.Formats;

namespace FastData.Orleans.Streaming.Kafka.Tests.Formats;

public sealed class CanonicalKeyTests
{
    [Theory]
    [InlineData(new[] { "42" }, "42")]
    [InlineData(new[] { "7", "2" }, "7|2")]
    [InlineData(new[] { "a|b", "50%" }, "a%7Cb|50%25")]
    public void FromParts_EscapesAndJoins(string[] parts, string expected)
    {
        Assert.Equal(expected, CanonicalKey.FromParts(parts));
    }

    [Fact]
    public void CompareSourceOrdering_ComparesNumericallyBeyond64Bits()
    {
        Assert.True(KafkaChangeEvent.CompareSourceOrdering("00000000020030005824", "20030005900") < 0);
        Assert.True(KafkaChangeEvent.CompareSourceOrdering("123456789012345678901234", "99") > 0);
        Assert.Equal(0, KafkaChangeEvent.CompareSourceOrdering("007", "7"));
        Assert.True(KafkaChangeEvent.CompareSourceOrdering(null, "1") < 0);
    }
}
