using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using FastData.Orleans.Streaming.Kafka;
using FastData.Orleans.Streaming.Kafka.Bench;
using FastData.Orleans.Streaming.Kafka.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

// Measures, on the same records in one run, a plain Confluent consumer's rate and the provider's rate of events handed to
// grains that do nothing. Usage: dotnet run -c Release --project bench/FastData.Orleans.Streaming.Kafka.Bench [--records N]
// [--warmup W] [--keys K] [--partitions P] [--size BYTES] [--coalesce 1|0] [--pull-period-ms MS] [--pull-wait-ms MS] [--cache-size N]
// [--floor N] (the README lists every option)
var settings = BenchSettings.Parse(args);
Console.WriteLine($"records={settings.Records} warmup={settings.Warmup} keys={settings.Keys} partitions={settings.Partitions} value~{settings.ValueBytes}B brokers={settings.Brokers} coalesce={settings.Coalesce} pull-period={settings.PullPeriodMs}ms pull-wait={settings.PullWaitMs}ms cache={settings.CacheSize} buffer={settings.Buffer} subscribe={(settings.ObserverGrains ? "observer" : "activate")} cores={Environment.ProcessorCount}");

await using var kafka = EmbeddedKafka.Start(settings.Brokers);
kafka.CreateTopic(Program.Topic, settings.Partitions);
Console.WriteLine($"embedded Kafka at {kafka.BootstrapServers}");

var produced = Program.Produce(kafka.BootstrapServers, settings);
Console.WriteLine($"produced {settings.Total} records ({settings.Warmup} warm-up, then {settings.Records} measured) in {produced.TotalSeconds:0.00} s ({settings.Total / produced.TotalSeconds:0} records/s)");

var plain = settings.SkipPlain ? (double.NaN, double.NaN) : Program.MeasurePlainConsumer(kafka.BootstrapServers, settings);
var provider = await Program.MeasureProviderAsync(kafka.BootstrapServers, settings);
Console.WriteLine();
Console.WriteLine(settings.Warmup > 0
    ? "                          whole run (start to last record)   measured records (after the warm-up)"
    : "                          whole run (start to last record)   from the first record on");
Console.WriteLine($"plain Confluent consumer: {plain.Item1,10:0} records/s              {plain.Item2,10:0} records/s");
Console.WriteLine($"provider to grains:       {provider.Item1,10:0} records/s              {provider.Item2,10:0} records/s");
Console.WriteLine($"ratio provider/plain:     {provider.Item1 / plain.Item1,10:P1}                        {provider.Item2 / plain.Item2,10:P1}");

public static partial class Program
{
    public const string Topic = "bench.retail.public.orders";
    public const string StreamNamespace = "orders";
    public const string ObserverStreamNamespace = "orders-observed";
    public const string ProviderName = "kafka";

    internal static TimeSpan Produce(string bootstrap, BenchSettings settings)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchSize = 1024 * 1024,
            QueueBufferingMaxMessages = 500_000,
        };
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        // Keys are spread evenly (key modulo partitions): the embedded cluster keeps only about 5 MiB per partition.
        var padding = new string('x', Math.Max(0, settings.ValueBytes - 330));
        var failures = 0L;
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < settings.Total; n++)
        {
            // Warm-up records first, on keys of their own (the measured keys then still start new streams and grains).
            var warmup = n < settings.Warmup;
            var i = warmup ? n : n - settings.Warmup;
            var key = (i % settings.Keys) + (warmup ? settings.Keys : 0);
            var message = new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes($$"""{"ORDER_ID":{{key}}}"""),
                Value = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""{"before":null,"after":{"ORDER_ID":{{{key}}},"CUSTOMER_ID":{{{key % 997}}},"ORDER_DATE":1700000000000,"STATUS":"PAID","TOTAL_AMOUNT":"123.45","CURRENCY":"EUR","NOTES":"{{{padding}}}"},"op":"{{{(i < settings.Keys ? "c" : "u")}}}","ts_ms":{{{1700000000000 + i}}},"source":{"connector":"postgresql","db":"retail","schema":"public","table":"orders","lsn":{{{i}}},"ts_ms":{{{1700000000000 + i}}}}}""")),
            };
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(Topic, key % settings.Partitions), message, report =>
                    {
                        if (report.Error.IsError)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    });
                    break;
                }
                catch (ProduceException<byte[], byte[]> exception) when (exception.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        if (Interlocked.Read(ref failures) > 0)
        {
            throw new InvalidOperationException($"{failures} records were not stored; the measurement would be wrong.");
        }

        return watch.Elapsed;
    }

    /// <summary>A plain consumer with the provider's fetch settings, assigned every partition, reading every record.</summary>
    internal static (double Whole, double FromFirst) MeasurePlainConsumer(string bootstrap, BenchSettings settings)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "bench-plain",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            FetchMaxBytes = 64 * 1024 * 1024,
            MaxPartitionFetchBytes = 4 * 1024 * 1024,
            QueuedMaxMessagesKbytes = 256 * 1024,
            FetchWaitMaxMs = 50,
            ConsumeResultFields = "topic,timestamp",
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        consumer.Assign(Enumerable.Range(0, settings.Partitions).Select(p => new TopicPartitionOffset(Topic, p, Offset.Beginning)));
        var count = 0;
        var bytes = 0L;
        var firstSeen = TimeSpan.Zero;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (count < settings.Total)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"plain consumer read only {count} of {settings.Total} records");
                }

                continue;
            }

            // With a warm-up, the measured span starts when the warm-up records were read.
            if (count++ == settings.Warmup - 1 || (settings.Warmup == 0 && count == 1))
            {
                firstSeen = watch.Elapsed;
            }

            bytes += result.Message.Value.Length;
        }

        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        consumer.Close();
        Console.WriteLine($"plain consumer read {count} records ({bytes / 1024 / 1024} MiB) in {elapsed.TotalSeconds:0.00} s; first record after {firstSeen.TotalSeconds:0.00} s; CPU {cpu.TotalSeconds:0.00} s ({cpu.TotalMicroseconds / count:0.0} µs per record)");
        return (count / elapsed.TotalSeconds, settings.Records / (elapsed - firstSeen).TotalSeconds);
    }

    /// <summary>A one-silo host with the provider; counts events handed to the do-nothing grains until every record arrived.</summary>
    internal static async Task<(double Whole, double FromFirst)> MeasureProviderAsync(string bootstrap, BenchSettings settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (settings.Progress)
        {
            builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
            builder.Logging.AddFilter("FastData", LogLevel.Information);
        }

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddKafkaStreams(
                ProviderName,
                options =>
                {
                    options.BootstrapServers = bootstrap;
                    options.ConsumerGroupId = "bench-provider";
                    options.DeadLetterTopic = null;
                    options.CoalesceByKey = settings.Coalesce;
                    options.PullPeriod = TimeSpan.FromMilliseconds(settings.PullPeriodMs);
                    options.PullWait = TimeSpan.FromMilliseconds(settings.PullWaitMs);
                    options.CacheSize = settings.CacheSize;
                    options.MaxBufferedRecordsPerPartition = settings.Buffer;
                    options.Topics.Add(new KafkaTopicOptions { Topic = Topic, StreamNamespace = settings.ObserverGrains ? ObserverStreamNamespace : StreamNamespace, Format = "debezium", KeyFields = ["ORDER_ID"], Partitions = settings.Partitions });
                },
                stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        });
        using var host = builder.Build();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff} starting silo");
        await host.StartAsync();
        Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff} silo started");
        var started = watch.Elapsed;
        var firstSeen = TimeSpan.Zero;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        long handedOver = 0;
        long deliveries = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Orleans counts each batch container its pulling agents deliver (one grain call each).
            if ((instrument.Meter.Name == KafkaMetrics.MeterName && instrument.Name == "fastdata.kafka.events.handed_over")
                || instrument.Name == "orleans-streams-persistent-stream-messages-sent")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref handedOver, value));
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref deliveries, value));
        listener.Start();
        var nextReport = watch.Elapsed + TimeSpan.FromSeconds(1);
        while (BenchCounter.Received < settings.Total)
        {
            if (settings.Progress && watch.Elapsed >= nextReport)
            {
                nextReport += TimeSpan.FromSeconds(1);
                Console.WriteLine($"  t={watch.Elapsed.TotalSeconds:0.0}s handed over {Interlocked.Read(ref handedOver)}, received by grains {BenchCounter.Received}");
            }

            // With a warm-up, the measured span starts when the warm-up events were received.
            if (firstSeen == TimeSpan.Zero && BenchCounter.Received >= Math.Max(1, settings.Warmup))
            {
                firstSeen = watch.Elapsed;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"grains received only {BenchCounter.Received} of {settings.Total} events");
            }

            await timer.WaitForNextTickAsync();
        }

        var elapsed = watch.Elapsed - started;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine($"silo started in {started.TotalSeconds:0.00} s; {(settings.Warmup > 0 ? "warm-up received" : "first event")} {(firstSeen - started).TotalSeconds:0.00} s later; {settings.Total} events in grains {elapsed.TotalSeconds:0.00} s after start ({settings.Records / (watch.Elapsed - firstSeen).TotalSeconds:0} records/s {(settings.Warmup > 0 ? "after the warm-up" : "from the first event on")}); CPU {cpu.TotalSeconds:0.00} s including start-up ({cpu.TotalMicroseconds / settings.Total:0.0} µs per record)");
        Console.WriteLine($"deliveries to grains (batch containers, one grain call each): {Interlocked.Read(ref deliveries)} for {settings.Keys * (settings.Warmup > 0 ? 2 : 1)} keys ({(double)Interlocked.Read(ref deliveries) / (settings.Keys * (settings.Warmup > 0 ? 2 : 1)):0.0} per key)");
        Console.WriteLine($"GC: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, total pause {GC.GetTotalPauseDuration().TotalSeconds:0.00} s, allocated {GC.GetTotalAllocatedBytes() / 1024 / 1024} MiB");
        var fromFirst = settings.Records / (watch.Elapsed - firstSeen).TotalSeconds;
        if (settings.Floor > 0)
        {
            await MeasureFloorAsync(host.Services.GetRequiredService<IGrainFactory>(), settings.Floor);
        }

        await host.StopAsync();
        return (settings.Total / elapsed.TotalSeconds, fromFirst);
    }

    /// <summary>
    /// In the warm silo, after the provider's run: the CPU that Orleans alone spends to activate a grain and call it once
    /// (no stream, no Kafka), then to call an active grain, per grain. A new key on the provider costs at least the first.
    /// </summary>
    internal static async Task MeasureFloorAsync(IGrainFactory grains, int count)
    {
        const int InFlight = 256;
        var ids = new IBenchFloorGrain[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = grains.GetGrain<IBenchFloorGrain>(string.Create(CultureInfo.InvariantCulture, $"floor-{i}"));
        }

        foreach (var phase in new[] { "activate and call once", "call again (active)" })
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var watch = Stopwatch.StartNew();
            var pending = new List<Task>(InFlight);
            foreach (var grain in ids)
            {
                pending.Add(grain.TouchAsync());
                if (pending.Count == InFlight)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }

            await Task.WhenAll(pending);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            Console.WriteLine($"Orleans floor, {phase}: {count} grains in {watch.Elapsed.TotalSeconds:0.00} s; CPU {cpu.TotalMicroseconds / count:0.0} µs and {allocated / 1024.0 / count:0.0} KiB allocated per grain");
        }
    }
}

