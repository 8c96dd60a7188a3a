using System.Text.Json;
using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

/// <summary>Primary-key changes, duplicates and replays: the inputs a consumer's stale-event handling must survive.</summary>
public sealed class RetailEventGeneratorRedeliveryTests
{
    [Fact]
    public void Generate_PrimaryKeyChanges_AreDeleteTombstoneCreateWithANewKey()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => o.PrimaryKeyChangeRate = 0.1));

        var changes = 0;
        var tables = new HashSet<string>();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Origin != CdcRecordOrigin.KeyChange || records[i].Operation != CdcOperation.Delete)
            {
                continue;
            }

            var (delete, tombstone, create) = (records[i], records[i + 1], records[i + 2]);
            Assert.Equal(CdcOperation.Tombstone, tombstone.Operation);
            Assert.Equal(CdcRecordOrigin.KeyChange, tombstone.Origin);
            Assert.Equal(delete.Key, tombstone.Key);
            Assert.Equal(CdcOperation.Create, create.Operation);
            Assert.Equal(CdcRecordOrigin.KeyChange, create.Origin);
            Assert.Equal(delete.Table, create.Table);
            Assert.NotEqual(GeneratedStream.KeyText(delete), GeneratedStream.KeyText(create));

            // Only the key differs: the row moved to a new identity.
            var before = GeneratedStream.Value(delete).GetProperty("before");
            var after = GeneratedStream.Value(create).GetProperty("after");
            var keyFields = RetailTopics.All.Single(t => t.Table == delete.Table).KeyFields;
            foreach (var property in before.EnumerateObject().Where(p => !keyFields.Contains(p.Name)))
            {
                Assert.Equal(property.Value.GetRawText(), after.GetProperty(property.Name).GetRawText());
            }

            changes++;
            tables.Add(delete.Table);
        }

        Assert.InRange(changes, 120, 280);
        Assert.Equal(new HashSet<string> { "addresses", "order_items" }, tables);
    }

    [Fact]
    public void Generate_WithoutRates_EmitsNoKeyChangesDuplicatesOrReplays()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions());

        Assert.DoesNotContain(records, r => r.Origin is CdcRecordOrigin.KeyChange or CdcRecordOrigin.Duplicate or CdcRecordOrigin.Replay);
    }

    [Fact]
    public void Generate_Duplicates_RepeatThePreviousRecordExactly()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => o.DuplicateRate = 0.1));

        var duplicates = 0;
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Origin != CdcRecordOrigin.Duplicate)
            {
                continue;
            }

            duplicates++;
            Assert.Equal(records[i - 1] with { Origin = CdcRecordOrigin.Duplicate }, records[i]);
        }

        Assert.InRange(duplicates, 120, 280);
    }

    [Fact]
    public void Generate_Replays_ReEmitAnEarlierValueWithItsOriginalLsn()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => { o.ReplayRate = 0.1; o.ReplayWindow = 500; }));

        var seen = new Dictionary<long, List<CdcRecord>>();
        long highestLsn = 0;
        var replays = 0;
        var stale = 0;
        foreach (var record in records)
        {
            if (record.Origin != CdcRecordOrigin.Replay)
            {
                if (GeneratedStream.IsOriginal(record))
                {
                    (seen.TryGetValue(record.SourceLsn, out var list) ? list : seen[record.SourceLsn] = []).Add(record);
                    highestLsn = Math.Max(highestLsn, record.SourceLsn);
                }

                continue;
            }

            replays++;
            Assert.True(seen.TryGetValue(record.SourceLsn, out var originals), $"replay of unknown lsn {record.SourceLsn}");
            Assert.Contains(originals, o => o.Key.AsSpan().SequenceEqual(record.Key) && o.Value == record.Value);
            if (record.Value is not null)
            {
                Assert.Equal(record.SourceLsn, GeneratedStream.Value(record).GetProperty("source").GetProperty("lsn").GetInt64());
            }

            if (record.SourceLsn < highestLsn)
            {
                stale++;
            }
        }

        Assert.InRange(replays, 120, 280);
        Assert.True(stale > replays * 9 / 10, $"only {stale} of {replays} replays were older than the newest record");
    }
}
