using System.Text.Json;
using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

public sealed class RetailEventGeneratorEnvelopeTests
{
    private static readonly Dictionary<CdcOperation, string> Letters = new()
    {
        [CdcOperation.Read] = "r",
        [CdcOperation.Create] = "c",
        [CdcOperation.Update] = "u",
        [CdcOperation.Delete] = "d",
    };

    [Fact]
    public void Generate_EveryValue_IsADebeziumEnvelopeMatchingItsRecord()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => o.PrimaryKeyChangeRate = 0.05));

        foreach (var record in records.Where(r => !r.IsTombstone))
        {
            var value = GeneratedStream.Value(record);
            var topic = RetailTopics.All.Single(t => t.Name == record.Topic);
            Assert.Equal(topic.Table, record.Table);
            Assert.Equal(Letters[record.Operation], value.GetProperty("op").GetString());
            Assert.Equal(record.TimestampMs, value.GetProperty("ts_ms").GetInt64());
            var source = value.GetProperty("source");
            Assert.Equal("postgresql", source.GetProperty("connector").GetString());
            Assert.Equal("retail", source.GetProperty("db").GetString());
            Assert.Equal("public", source.GetProperty("schema").GetString());
            Assert.Equal(record.Table, source.GetProperty("table").GetString());
            Assert.Equal(record.SourceLsn, source.GetProperty("lsn").GetInt64());

            var hasBefore = value.GetProperty("before").ValueKind == JsonValueKind.Object;
            var hasAfter = value.GetProperty("after").ValueKind == JsonValueKind.Object;
            Assert.Equal(record.Operation is CdcOperation.Update or CdcOperation.Delete, hasBefore);
            Assert.Equal(record.Operation != CdcOperation.Delete, hasAfter);

            // The key holds exactly the primary-key columns, in declaration order, with the row's values.
            var row = value.GetProperty(hasAfter ? "after" : "before");
            var key = GeneratedStream.Key(record);
            Assert.Equal(topic.KeyFields, key.EnumerateObject().Select(p => p.Name));
            foreach (var field in topic.KeyFields)
            {
                Assert.Equal(key.GetProperty(field).GetInt32(), row.GetProperty(field).GetInt32());
            }
        }
    }

    [Fact]
    public void Generate_OriginalRecords_HaveStrictlyIncreasingLsnAndTimestamps()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => { o.DuplicateRate = 0.05; o.ReplayRate = 0.05; }));

        long lastLsn = 0, lastTs = 0, lastKafkaTs = 0;
        foreach (var record in records)
        {
            Assert.True(record.TimestampMs >= lastKafkaTs, $"Kafka timestamp went back at {record}");
            lastKafkaTs = record.TimestampMs;
            if (!GeneratedStream.IsOriginal(record) || record.IsTombstone)
            {
                continue;
            }

            var value = GeneratedStream.Value(record);
            var lsn = value.GetProperty("source").GetProperty("lsn").GetInt64();
            var ts = value.GetProperty("ts_ms").GetInt64();
            Assert.True(lsn > lastLsn, $"lsn {lsn} after {lastLsn}");
            Assert.True(ts > lastTs, $"ts_ms {ts} after {lastTs}");
            Assert.True(value.GetProperty("source").GetProperty("ts_ms").GetInt64() <= ts);
            lastLsn = lsn;
            lastTs = ts;
        }
    }

    [Fact]
    public void Generate_EveryDelete_IsFollowedByATombstoneWithTheSameKey()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions(o => o.DeleteWeight = 30));

        var deletes = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Operation == CdcOperation.Tombstone && GeneratedStream.IsOriginal(record))
            {
                Assert.Equal(CdcOperation.Delete, records[i - 1].Operation);
            }

            if (record.Operation != CdcOperation.Delete || !GeneratedStream.IsOriginal(record))
            {
                continue;
            }

            deletes++;
            var tombstone = records[i + 1];
            Assert.Equal(CdcOperation.Tombstone, tombstone.Operation);
            Assert.Null(tombstone.Value);
            Assert.Equal(record.Topic, tombstone.Topic);
            Assert.Equal(record.Key, tombstone.Key);
            Assert.Equal(record.SourceLsn, tombstone.SourceLsn);
        }

        Assert.True(deletes > 100, $"expected many deletes, saw {deletes}");
        Assert.Contains(records, r => r.Operation == CdcOperation.Delete && r.Table == "customers");
        Assert.Contains(records, r => r.Operation == CdcOperation.Delete && r.Table == "products");
    }

    [Theory]
    [InlineData(true, CdcOperation.Read, "true")]
    [InlineData(false, CdcOperation.Create, "false")]
    public void Generate_Snapshot_UsesTheConfiguredOperation(bool snapshotAsRead, CdcOperation expected, string snapshotFlag)
    {
        var options = GeneratedStream.SmallOptions(o => o.SnapshotAsRead = snapshotAsRead);

        var snapshot = new RetailEventGenerator(options).Generate().TakeWhile(r => r.Origin == CdcRecordOrigin.Snapshot).ToList();

        Assert.All(snapshot, r => Assert.Equal(expected, r.Operation));
        var flags = snapshot.Select(r => GeneratedStream.Value(r).GetProperty("source").GetProperty("snapshot").GetString()).ToList();
        Assert.All(flags.SkipLast(1), flag => Assert.Equal(snapshotFlag, flag));
        Assert.Equal(snapshotAsRead ? "last" : "false", flags[^1]);
        Assert.Equal(50, snapshot.Count(r => r.Table == "customers"));
        Assert.Equal(20, snapshot.Count(r => r.Table == "products"));
        Assert.Equal(RetailTopics.Products, snapshot[0].Topic);
    }

    [Fact]
    public void Generate_Values_LookLikeRetailData()
    {
        var records = GeneratedStream.Generate(GeneratedStream.SmallOptions());
        var statuses = new HashSet<string>();
        foreach (var record in records.Where(r => !r.IsTombstone && r.Operation != CdcOperation.Delete))
        {
            var after = GeneratedStream.Value(record).GetProperty("after");
            switch (record.Table)
            {
                case "customers":
                    Assert.Contains("@", after.GetProperty("EMAIL").GetString());
                    Assert.Contains(after.GetProperty("LOYALTY_TIER").GetString(), new[] { "BRONZE", "SILVER", "GOLD" });
                    Assert.Contains(after.GetProperty("IS_ACTIVE").GetString(), new[] { "true", "false" });
                    Assert.True(after.GetProperty("CREATED_AT").GetInt64() > 1_600_000_000_000);
                    break;
                case "orders":
                    statuses.Add(after.GetProperty("STATUS").GetString()!);
                    Assert.Matches(@"^\d+\.\d\d$", after.GetProperty("TOTAL_AMOUNT").GetString());
                    break;
                case "order_items":
                    Assert.Matches(@"^\d+\.\d\d$", after.GetProperty("UNIT_PRICE").GetString());
                    Assert.InRange(after.GetProperty("QUANTITY").GetInt32(), 1, 11);
                    break;
                case "products":
                    Assert.Matches(@"^[A-Z]{3}-\d{6}$", after.GetProperty("SKU").GetString());
                    Assert.Matches(@"^\d+\.\d\d$", after.GetProperty("PRICE").GetString());
                    break;
            }
        }

        Assert.Superset(new HashSet<string> { "NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED" }, statuses);
    }

    [Fact]
    public void Generate_StatusUpdates_FollowTheOrderLifecycle()
    {
        var allowed = new HashSet<(string, string)>
        {
            ("NEW", "PAID"), ("NEW", "CANCELLED"), ("PAID", "SHIPPED"), ("PAID", "CANCELLED"), ("SHIPPED", "DELIVERED"),
        };
        var transitions = 0;
        foreach (var record in GeneratedStream.Generate(GeneratedStream.SmallOptions()))
        {
            if (record.Table != "orders" || record.Operation != CdcOperation.Update || !GeneratedStream.IsOriginal(record))
            {
                continue;
            }

            var value = GeneratedStream.Value(record);
            var from = value.GetProperty("before").GetProperty("STATUS").GetString()!;
            var to = value.GetProperty("after").GetProperty("STATUS").GetString()!;
            if (from != to)
            {
                transitions++;
                Assert.Contains((from, to), allowed);
            }
        }

        Assert.True(transitions > 50, $"expected many status transitions, saw {transitions}");
    }

    [Fact]
    public void Generate_Updates_ChangeAtLeastOneColumn()
    {
        foreach (var record in GeneratedStream.Generate(GeneratedStream.SmallOptions()))
        {
            if (record.Operation != CdcOperation.Update)
            {
                continue;
            }

            var value = GeneratedStream.Value(record);
            Assert.NotEqual(value.GetProperty("before").GetRawText(), value.GetProperty("after").GetRawText());
        }
    }
}
