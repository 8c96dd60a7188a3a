using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Grains.Storage;
using FastData.Model;
using FastData.Model.Aggregation;
using FastData.Model.Casting;
using FastData.Model.Configuration;
using FastData.Model.Keys;

namespace FastData.Bench;

/// <summary>
/// The aggregation engine alone, on one thread, over the in-memory store the pipeline bench uses: one product sold in
/// <c>items</c> order lines (each in an order of its own) and one customer with <c>items / 2</c> orders of two lines
/// each. Prints the CPU time and the bytes allocated per aggregation and per joined order line.
/// </summary>
internal static class EngineBench
{
    public static async Task RunAsync(FastDataModel model, int items, int aggregations)
    {
        var store = new InMemoryRecordStore(model);
        await PutAsync(store, model, "products", new JsonObject { ["PRODUCT_ID"] = 1, ["SKU"] = "SKU-1", ["NAME"] = "Kettle", ["PRICE"] = "5.00" });
        await PutAsync(store, model, "customers", new JsonObject
        {
            ["CUSTOMER_ID"] = 1, ["FIRST_NAME"] = "Ada", ["LAST_NAME"] = "Lovelace", ["EMAIL"] = "ada@example.com", ["IS_ACTIVE"] = "true", ["CREATED_AT"] = 1767225600000,
        });
        for (var i = 0; i < items; i++)
        {
            var orderId = 1000 + i;
            await PutAsync(store, model, "orders", new JsonObject
            {
                ["ORDER_ID"] = orderId, ["CUSTOMER_ID"] = i % 2 == 0 ? 1 : 2, ["STATUS"] = "PAID", ["TOTAL_AMOUNT"] = "12.50", ["CURRENCY"] = "EUR", ["ORDER_DATE"] = 1767225600000 + i,
            });
            await PutAsync(store, model, "order_items", new JsonObject
            {
                ["ORDER_ID"] = orderId, ["LINE_NO"] = 1, ["PRODUCT_ID"] = 1, ["QUANTITY"] = 2, ["UNIT_PRICE"] = "5.00",
            });
            await PutAsync(store, model, "order_items", new JsonObject
            {
                ["ORDER_ID"] = orderId, ["LINE_NO"] = 2, ["PRODUCT_ID"] = 2, ["QUANTITY"] = 1, ["UNIT_PRICE"] = "2.50",
            });
        }

        Console.WriteLine($"engine alone: {items} order lines of product 1, {items / 2} orders of customer 1 with two lines each, {aggregations} aggregations of each view");
        foreach (var (name, key, lines) in new[] { ("product-sales", "1", items), ("customer-360", "1", items) })
        {
            var singleView = model.SingleViews[name];
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
            for (var round = 0; round < 2; round++)
            {
                // Round 0 lets tiered compilation optimise the code; round 1 is measured.
                var count = round == 0 ? Math.Max(aggregations / 2, 1) : aggregations;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var n = 0; n < count; n++)
                {
                    buffer.ResetWrittenCount();
                    await using var writer = new Utf8JsonWriter(buffer);
                    await AggregationEngine.WriteAsync(singleView, key, store, writer, CancellationToken.None);
                }

                if (round == 1)
                {
                    var perAggregation = watch.Elapsed.TotalMicroseconds / count;
                    var kib = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / count;
                    Console.WriteLine($"  {name,-14} {perAggregation,8:0.0} µs and {kib,7:0.0} KiB per aggregation ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count:0.0} µs CPU); "
                        + $"{perAggregation / lines:0.00} µs and {kib * 1024 / lines:0} bytes per order line; document {buffer.WrittenCount} bytes");
                }
            }
        }
    }

    private static async Task PutAsync(InMemoryRecordStore store, FastDataModel model, string projection, JsonObject raw)
    {
        var definition = model.Projections[projection];
        var cast = ProjectionRecordCaster.Cast(definition, raw);
        if (cast.Violations.Count > 0)
        {
            throw new InvalidOperationException($"{projection}: {string.Join("; ", cast.Violations)}");
        }

        var record = cast.Record;
        record[RecordStates.Field] = RecordStates.Public;
        await store.WriteAsync(projection, RecordKey.FromRecord(record, definition.PrimaryKey), record, 0, CancellationToken.None);
    }
}
