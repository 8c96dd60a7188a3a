using System.Text;
using System.Text.Json.Nodes;
using FastData.Grains.Storage;
using FastData.Model.Aggregation;
using FastData.Model.Casting;

namespace FastData.Grains.Tests;

/// <summary>
/// What every <see cref="IRecordStore"/> must do alike, so that the pipeline behaves the same in memory and in
/// MongoDB (ARCHITECTURE §4). Each implementation runs this suite through a subclass; each test gets an empty store.
/// </summary>
public abstract class RecordStoreContract
{
    /// <summary>An empty store that typed by the samples/retail model where the implementation types fields.</summary>
    protected abstract Task<IRecordStore> CreateStoreAsync();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_NewThenUpdateWithCurrentVersion_ReturnsNewVersionsAndLatestDocument()
    {
        var store = await CreateStoreAsync();

        var first = await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);
        var second = await store.WriteAsync("orders", "1", Order(1, 8), first, Ct);

        Assert.NotEqual(0, first);
        Assert.NotEqual(first, second);
        var stored = await store.ReadAsync("orders", "1", Ct);
        Assert.NotNull(stored);
        Assert.Equal(second, stored.Version);
        Assert.Equal(8, stored.Document["CUSTOMER_ID"]!.GetValue<long>());
    }

    [Fact]
    public async Task Write_StaleOrMissingVersion_ThrowsConflictAndKeepsDocument()
    {
        var store = await CreateStoreAsync();
        var first = await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);
        var second = await store.WriteAsync("orders", "1", Order(1, 8), first, Ct);

        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.WriteAsync("orders", "1", Order(1, 9), first, Ct));
        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.WriteAsync("orders", "1", Order(1, 9), 0, Ct));
        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.WriteAsync("orders", "2", Order(2, 9), second, Ct));

        var stored = await store.ReadAsync("orders", "1", Ct);
        Assert.Equal(8, stored!.Document["CUSTOMER_ID"]!.GetValue<long>());
        Assert.Null(await store.ReadAsync("orders", "2", Ct));
    }

    [Fact]
    public async Task WriteUtf8_ReadsBackAsTheDocumentWithTheSameVersioning()
    {
        var store = await CreateStoreAsync();
        var text = """{"CUSTOMER_ID":1,"NAME":"Zo\u00eb","orders":[{"ORDER_ID":7,"TOTAL":12.5}],"none":null}""";

        var first = await store.WriteAsync("customer-360", "1", Encoding.UTF8.GetBytes(text), 0, Ct);
        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.WriteAsync("customer-360", "1", """{"CUSTOMER_ID":1}"""u8.ToArray(), 0, Ct));
        var stored = await store.ReadAsync("customer-360", "1", Ct);

        Assert.NotNull(stored);
        Assert.Equal(first, stored.Version);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), stored.Document), stored.Document.ToJsonString());
        Assert.Equal("Zoë", stored.Document["NAME"]!.GetValue<string>());
        var second = await store.WriteAsync("customer-360", "1", """{"CUSTOMER_ID":1,"NAME":"Z"}"""u8.ToArray(), first, Ct);
        Assert.Equal("Z", (await store.ReadAsync("customer-360", "1", Ct))!.Document["NAME"]!.GetValue<string>());
        await store.DeleteAsync("customer-360", "1", second, Ct);
        Assert.Null(await store.ReadAsync("customer-360", "1", Ct));
    }

    [Fact]
    public async Task WriteUtf8_IndexedBeforeOrAfter_IsFoundByTheIndexedField()
    {
        var store = await CreateStoreAsync();
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        await store.WriteAsync("orders", "1", """{"ORDER_ID":1,"CUSTOMER_ID":7}"""u8.ToArray(), 0, Ct);
        await store.WriteAsync("loose", "a", """{"k":"a","n":3}"""u8.ToArray(), 0, Ct);
        await store.EnsureIndexAsync("loose", "n", Ct);
        var moved = await store.WriteAsync("loose", "b", """{"k":"b","n":4}"""u8.ToArray(), 0, Ct);
        await store.WriteAsync("loose", "b", """{"k":"b","n":3}"""u8.ToArray(), moved, Ct);

        await store.WriteAsync("loose", "c", """{"k":"c","n":5,"m":6}"""u8.ToArray(), 0, Ct);
        await store.EnsureIndexAsync("loose", "m", Ct);

        Assert.Equal([1], Ids(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7), Ct)));
        Assert.Equal(["a", "b"], Keys(await store.FindAsync("loose", RecordFilter.Eq("n", 3L), Ct)));
        Assert.Empty(await store.FindAsync("loose", RecordFilter.Eq("n", 4L), Ct));
        Assert.Equal(["c"], Keys(await store.FindAsync("loose", new OrFilter([RecordFilter.Eq("n", 5L), RecordFilter.Eq("m", 6L)]), Ct)));
    }

    [Fact]
    public async Task GetMany_SomeKeysMissing_ReturnsTheStoredOnesByKey()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);
        await store.WriteAsync("orders", "2", Order(2, 8), 0, Ct);
        await store.WriteAsync("orders", "3", Order(3, 9), 0, Ct);

        var found = await store.GetManyAsync("orders", ["1", "3", "404"], Ct);

        Assert.Equal(["1", "3"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(9, found["3"]["CUSTOMER_ID"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetMany_MoreKeysThanOneQueryTakes_ReturnsThemAll()
    {
        var store = await CreateStoreAsync();
        var keys = Enumerable.Range(1, MongoRecordStore.MaxKeysPerQuery + 3).Select(i => $"{i}").ToArray();
        foreach (var key in keys)
        {
            await store.WriteAsync("orders", key, Order(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), 1), 0, Ct);
        }

        var found = await store.GetManyAsync("orders", keys, Ct);

        Assert.Equal(keys.Length, found.Count);
    }

    [Fact]
    public async Task Read_MissingKey_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.ReadAsync("orders", "404", Ct));
        Assert.Null(await store.GetAsync("orders", "404", Ct));
    }

    [Fact]
    public async Task Delete_CurrentVersion_RemovesDocument_StaleVersionConflicts()
    {
        var store = await CreateStoreAsync();
        var version = await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);

        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.DeleteAsync("orders", "1", version + 1, Ct));
        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.DeleteAsync("orders", "1", 0, Ct));
        await store.DeleteAsync("orders", "1", version, Ct);

        Assert.Null(await store.ReadAsync("orders", "1", Ct));
        Assert.Empty(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7), Ct));
        await store.DeleteAsync("orders", "1", 0, Ct);
        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.DeleteAsync("orders", "1", version, Ct));
        Assert.NotEqual(0, await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct));
    }

    [Fact]
    public async Task Keys_AfterWritesAndDelete_ListsExactlyTheStoredKeys()
    {
        var store = await CreateStoreAsync();
        var versions = new Dictionary<string, long>();
        foreach (var id in new[] { 1, 2, 3 })
        {
            versions[$"{id}"] = await store.WriteAsync("orders", $"{id}", Order(id, 7), 0, Ct);
        }

        await store.DeleteAsync("orders", "2", versions["2"], Ct);

        var keys = new List<string>();
        await foreach (var key in store.KeysAsync("orders", Ct))
        {
            keys.Add(key);
        }

        Assert.Equal(["1", "3"], keys.Order(StringComparer.Ordinal));
        Assert.Empty(await Collect(store.KeysAsync("products", Ct)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Find_ByField_ComparesNumbersByValue(bool indexed)
    {
        var store = await CreateStoreAsync();
        if (indexed)
        {
            await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
            await store.EnsureIndexAsync("orders", "TOTAL_AMOUNT", Ct);
        }

        await store.WriteAsync("orders", "1", Order(1, 7, total: 10), 0, Ct);
        await store.WriteAsync("orders", "2", Order(2, 7, total: 10.5), 0, Ct);
        await store.WriteAsync("orders", "3", Order(3, 8, total: 10), 0, Ct);

        Assert.Equal([1, 2], Ids(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7), Ct)));
        Assert.Equal([1, 2], Ids(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7.0), Ct)));
        Assert.Equal([1, 2], Ids(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", JsonNode.Parse("7.0")), Ct)));
        Assert.Equal([1, 3], Ids(await store.FindAsync("orders", RecordFilter.Eq("TOTAL_AMOUNT", 10), Ct)));
        Assert.Equal([2], Ids(await store.FindAsync("orders", RecordFilter.Eq("TOTAL_AMOUNT", 10.5), Ct)));
        Assert.Empty(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", "7"), Ct));
        Assert.Empty(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7.5), Ct));
    }

    [Fact]
    public async Task Find_UntypedCollection_ComparesNumbersByValue()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("loose", "a", new JsonObject { ["k"] = "a", ["n"] = 3 }, 0, Ct);
        await store.WriteAsync("loose", "b", new JsonObject { ["k"] = "b", ["n"] = 3.0 }, 0, Ct);
        await store.WriteAsync("loose", "c", new JsonObject { ["k"] = "c", ["n"] = 3L << 40 }, 0, Ct);

        Assert.Equal(["a", "b"], Keys(await store.FindAsync("loose", RecordFilter.Eq("n", 3L), Ct)));
        Assert.Equal(["c"], Keys(await store.FindAsync("loose", RecordFilter.Eq("n", (double)(3L << 40)), Ct)));
    }

    [Fact]
    public async Task Find_StringsDatesBooleansAndNull_UseExactEquality()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("orders", "1", Order(1, 7, status: "NEW"), 0, Ct);
        await store.WriteAsync("orders", "2", Order(2, 7, status: "new", notes: null), 0, Ct);
        var withoutNotes = Order(3, 7, status: "SHIPPED");
        withoutNotes.Remove("NOTES");
        await store.WriteAsync("orders", "3", withoutNotes, 0, Ct);

        Assert.Equal([1], Ids(await store.FindAsync("orders", RecordFilter.Eq("STATUS", "NEW"), Ct)));
        Assert.Equal([2, 3], Ids(await store.FindAsync("orders", RecordFilter.Eq("NOTES", null), Ct)));
        Assert.Equal([1, 2, 3], Ids(await store.FindAsync("orders", RecordFilter.Eq("ORDER_DATE", "2026-01-01T00:00:00.000Z"), Ct)));
        Assert.Empty(await store.FindAsync("orders", RecordFilter.Eq("ORDER_DATE", "2026-01-02T00:00:00.000Z"), Ct));
        Assert.Empty(await store.FindAsync("orders", RecordFilter.Eq("ORDER_DATE", "not a date"), Ct));
        Assert.Equal([1, 2, 3], Ids(await store.FindAsync("orders", RecordFilter.Eq(RecordStates.Field, RecordStates.Public), Ct)));
    }

    [Fact]
    public async Task Find_ArrayHoldingTheValue_DoesNotMatchTheValue()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync("loose", "a", new JsonObject { ["k"] = "a", ["tags"] = new JsonArray("x", "y") }, 0, Ct);
        await store.WriteAsync("loose", "b", new JsonObject { ["k"] = "b", ["tags"] = "x" }, 0, Ct);

        Assert.Equal(["b"], Keys(await store.FindAsync("loose", RecordFilter.Eq("tags", "x"), Ct)));
        Assert.Equal(["a"], Keys(await store.FindAsync("loose", RecordFilter.Eq("tags", new JsonArray("x", "y")), Ct)));
    }

    [Fact]
    public async Task Find_OrAndFilters_CombineLikeMatches()
    {
        var store = await CreateStoreAsync();
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        await store.WriteAsync("orders", "1", Order(1, 7, status: "NEW"), 0, Ct);
        await store.WriteAsync("orders", "2", Order(2, 8, status: "SHIPPED"), 0, Ct);
        await store.WriteAsync("orders", "3", Order(3, 9, status: "NEW"), 0, Ct);

        Assert.Equal([1, 2], Ids(await store.FindAsync("orders", RecordFilter.Any(RecordFilter.Eq("CUSTOMER_ID", 7), RecordFilter.Eq("CUSTOMER_ID", 8)), Ct)));
        Assert.Equal([1, 2, 3], Ids(await store.FindAsync("orders", RecordFilter.Any(RecordFilter.Eq("CUSTOMER_ID", 8), RecordFilter.Eq("STATUS", "NEW")), Ct)));
        Assert.Equal([3], Ids(await store.FindAsync("orders", RecordFilter.All(RecordFilter.Eq("STATUS", "NEW"), RecordFilter.Eq("CUSTOMER_ID", 9)), Ct)));
        Assert.Equal([3], Ids(await store.FindAsync("orders", RecordFilter.All(RecordFilter.Eq("STATUS", "NEW"), RecordFilter.Any(RecordFilter.Eq("CUSTOMER_ID", 8), RecordFilter.Eq("CUSTOMER_ID", 9))), Ct)));
        Assert.Equal([1, 2, 3], Ids(await store.FindAsync("orders", RecordFilter.All(), Ct)));
        Assert.Empty(await store.FindAsync("orders", RecordFilter.Any(), Ct));
        Assert.Empty(await store.FindAsync("orders", RecordFilter.All(RecordFilter.Eq("STATUS", "NEW"), RecordFilter.Any()), Ct));
    }

    [Fact]
    public async Task Find_ManyRecordsOrFilter_ReturnsEachMatchOnce()
    {
        var store = await CreateStoreAsync();
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        for (var id = 1; id <= 20; id++)
        {
            await store.WriteAsync("orders", $"{id}", Order(id, id % 5), 0, Ct);
        }

        var filter = new OrFilter([.. Enumerable.Range(0, 30).Select(i => RecordFilter.Eq("CUSTOMER_ID", i % 3))]);

        var found = await store.FindAsync("orders", filter, Ct);

        Assert.Equal(Enumerable.Range(1, 20).Where(id => id % 5 < 3).Select(id => (long)id), Ids(found));
    }

    [Fact]
    public async Task Write_TypedRecord_ReadsBackTheSameTypedRecord()
    {
        var store = await CreateStoreAsync();
        var raw = new JsonObject
        {
            ["CUSTOMER_ID"] = "42", ["FIRST_NAME"] = "Ada", ["LAST_NAME"] = "Lovelace", ["EMAIL"] = "ada@example.com",
            ["IS_ACTIVE"] = "true", ["CREATED_AT"] = 1767225600123, ["NOTES"] = null,
        };
        var record = ProjectionRecordCaster.Cast(RetailModel.Instance.Projections["customers"], raw).Record;
        record[RecordStates.Field] = RecordStates.Public;
        record["createdAt"] = "2026-11-25T01:02:03.456Z";
        record["updatedAt"] = "2026-11-25T01:02:04.000Z";
        record["__source"] = new JsonObject { ["topic"] = "t", ["partition"] = 3, ["offset"] = 1L << 40, ["index"] = 0, ["ordering"] = null };
        record["PROFILE"] = new JsonObject
        {
            ["score"] = 7.25, ["visits"] = 12, ["tags"] = new JsonArray("vip", "eu"),
            ["history"] = new JsonArray(new JsonObject { ["year"] = 2024, ["ok"] = true }, new JsonArray(1, 2.5, null)),
        };
        var expected = record.DeepClone();

        await store.WriteAsync("customers", "42", record, 0, Ct);
        var read = (await store.ReadAsync("customers", "42", Ct))!.Document;

        Assert.True(JsonNode.DeepEquals(expected, read), $"expected {expected.ToJsonString()}\nread     {read.ToJsonString()}");
        Assert.Equal("2026-01-01T00:00:00.123Z", read["CREATED_AT"]!.GetValue<string>());
        Assert.Equal(42L, read["CUSTOMER_ID"]!.GetValue<long>());
        Assert.True(read["IS_ACTIVE"]!.GetValue<bool>());
        var found = Assert.Single(await store.FindAsync("customers", RecordFilter.Eq("CUSTOMER_ID", 42), Ct));
        Assert.True(JsonNode.DeepEquals(expected, found));
    }

    [Fact]
    public async Task Write_ConcurrentReadModifyWriteLoops_LoseNoUpdate()
    {
        const int writers = 4;
        const int incrementsEach = 5;
        var store = await CreateStoreAsync();
        await store.WriteAsync("loose", "counter", new JsonObject { ["n"] = 0 }, 0, Ct);

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsEach;)
            {
                var current = (await store.ReadAsync("loose", "counter", Ct))!;
                var next = new JsonObject { ["n"] = current.Document["n"]!.GetValue<int>() + 1 };
                try
                {
                    await store.WriteAsync("loose", "counter", next, current.Version, Ct);
                    done++;
                }
                catch (RecordVersionConflictException)
                {
                    // Somebody else wrote since our read: read again and retry.
                }
            }
        }, Ct)));

        Assert.Equal(writers * incrementsEach, (await store.ReadAsync("loose", "counter", Ct))!.Document["n"]!.GetValue<int>());
    }

    private static JsonObject Order(long id, long customerId, double total = 10, string status = "NEW", string? notes = "n") => new()
    {
        ["ORDER_ID"] = id, ["CUSTOMER_ID"] = customerId, ["ORDER_DATE"] = "2026-01-01T00:00:00.000Z", ["STATUS"] = status,
        ["TOTAL_AMOUNT"] = total, ["CURRENCY"] = "EUR", ["NOTES"] = notes, [RecordStates.Field] = RecordStates.Public,
    };

    private static List<long> Ids(IReadOnlyList<JsonObject> records) => [.. records.Select(r => r["ORDER_ID"]!.GetValue<long>()).Order()];

    private static List<string> Keys(IReadOnlyList<JsonObject> records) => [.. records.Select(r => r["k"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> Collect(IAsyncEnumerable<string> keys)
    {
        var list = new List<string>();
        await foreach (var key in keys)
        {
            list.Add(key);
        }

        return list;
    }
}
