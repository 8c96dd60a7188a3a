using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

public sealed class RetailEventGeneratorDeterminismTests
{
    [Fact]
    public void Generate_SameSeedAndOptions_YieldsByteIdenticalRecords()
    {
        var options = GeneratedStream.SmallOptions(o =>
        {
            o.PrimaryKeyChangeRate = 0.05;
            o.DuplicateRate = 0.05;
            o.ReplayRate = 0.05;
            o.TargetEventBytes = 700;
        });

        var first = GeneratedStream.Generate(options);
        var second = GeneratedStream.Generate(options);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Topic, second[i].Topic);
            Assert.Equal(first[i].Key, second[i].Key);
            Assert.Equal(first[i].Value, second[i].Value);
            Assert.Equal(first[i].TimestampMs, second[i].TimestampMs);
            Assert.Equal(first[i].Operation, second[i].Operation);
            Assert.Equal(first[i].Origin, second[i].Origin);
        }
    }

    [Fact]
    public void Generate_EnumeratedTwice_StartsAFreshRunEachTime()
    {
        var generator = new RetailEventGenerator(GeneratedStream.SmallOptions());

        var first = generator.Generate().Take(500).Select(r => r.Value).ToList();
        var second = generator.Generate().Take(500).Select(r => r.Value).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_SameSequenceEnumeratedTwice_YieldsTheSameRecords()
    {
        var sequence = new RetailEventGenerator(GeneratedStream.SmallOptions()).Generate();

        var first = sequence.Select(r => r.Value).ToList();
        var second = sequence.Select(r => r.Value).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeeds_YieldDifferentRecords()
    {
        var first = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => o.Seed = 1));
        var second = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => o.Seed = 2));

        var identical = first.Zip(second).Count(pair => pair.First.Value is { } a && pair.Second.Value is { } b && a.AsSpan().SequenceEqual(b));
        Assert.True(identical < first.Count / 10, $"{identical} of {first.Count} values were identical across seeds");
    }

    [Fact]
    public void Generate_ChangeEventsNull_StreamsWithoutEnd()
    {
        var options = GeneratedStream.SmallOptions(o => o.ChangeEvents = null);

        var records = new RetailEventGenerator(options).Generate().Take(50_000).Count();

        Assert.Equal(50_000, records);
    }
}
