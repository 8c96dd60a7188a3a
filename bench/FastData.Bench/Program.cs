using System.Diagnostics;
using Confluent.Kafka;
using FastData.Bench;
using FastData.Grains.Pipeline;
using FastData.Model.Configuration;
using FastData.Orleans.Streaming.Kafka;
using FastData.Orleans.Streaming.Kafka.Embedded;
using FastData.Samples.Retail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

// The pipeline end to end on one silo: embedded Kafka, memory storage, samples/retail, 1 KiB Debezium events.
// Usage: dotnet run -c Release --project bench/FastData.Bench [--records N] [--warmup W] [--customers N] [--products N]
// [--phase-seconds S] [--event-bytes B]
var settings = BenchSettings.Parse(args);
var model = Bench.LoadRetailModel();
Console.WriteLine($"records={settings.Records} warmup={settings.Warmup} customers={settings.Customers} products={settings.Products} event={settings.EventBytes}B phase={settings.PhaseSeconds}s "
    + $"sv-interval={settings.SingleViewIntervalMs}ms sv-window={settings.SingleViewWindowMs}ms sv-window-busy={settings.SingleViewWindowBusyAt} sv-slots={settings.SingleViewSlots} fetch-wait={settings.FetchWaitMs}ms pull-wait={settings.PullWaitMs}ms buffer={settings.Buffer?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"} cache={settings.CacheSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"} "
    + $"sv-events={(settings.SingleViewEvents && settings.DirectLanes == 0 ? "kafka" : "count")}{(settings.SingleViewDocuments ? " with documents" : "")} cores={Environment.ProcessorCount}");

if (settings.EngineItems > 0)
{
    await EngineBench.RunAsync(model, settings.EngineItems, settings.Records);
    return;
}

if (settings.DirectLanes > 0)
{
    await Bench.RunDirectAsync(settings, model);
    return;
}

await using var kafka = EmbeddedKafka.Start(1);
foreach (var topic in RetailTopics.All)
{
    kafka.CreateTopic(topic.Name, topic.SuggestedPartitions);
}

foreach (var singleView in model.SingleViews.Keys)
{
    // As the host creates them on the embedded Kafka (FastData:Kafka:EmbeddedPartitions, 16 by default).
    kafka.CreateTopic(string.Format(System.Globalization.CultureInfo.InvariantCulture, Bench.SingleViewTopicFormat, singleView), 16);
}

using var records = Bench.Generator(settings).Generate().GetEnumerator();
using var producer = Bench.CreateProducer(kafka.BootstrapServers);
var keys = new KeyLedger();

// 1. The warm-up records, then one silo: Kafka streams, the pipeline, memory storage, counting sinks.
var warmupEvents = Bench.ProduceAll(producer, records, settings.Warmup, keys);
using var probe = new PipelineProbe();
var sinks = new CountingSinks();
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Error);
builder.Services.AddSingleton<IDeadLetterSink>(sinks);
builder.Services.AddSingleton<ISingleViewChangeSink>(sp => settings.SingleViewEvents
    ? new ForwardingChangeSink(sinks, new KafkaSingleViewChangeSink(sp.GetRequiredService<IKafkaPublisher>(), model, Bench.SingleViewTopicFormat, settings.SingleViewDocuments))
    : sinks);
builder.Services.AddSingleton<IAggregationErrorSink>(sinks);
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddKafkaStreams("kafka", options =>
    {
        options.BootstrapServers = kafka.BootstrapServers;
        options.ConsumerGroupId = "bench-pipeline";
        options.DeadLetterTopic = null;
        // librdkafka's mock broker answers an empty fetch only after fetch.wait.max.ms, even when records arrive
        // meanwhile (a real broker answers at once): the wait is added to every record's freshness when idle.
        options.ConsumerSettings["fetch.wait.max.ms"] = settings.FetchWaitMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.PullWait = TimeSpan.FromMilliseconds(settings.PullWaitMs);
        options.MaxBufferedRecordsPerPartition = settings.Buffer ?? options.MaxBufferedRecordsPerPartition;
        options.CacheSize = settings.CacheSize ?? options.CacheSize;
        foreach (var projection in model.Projections.Values)
        {
            options.Topics.Add(new KafkaTopicOptions { Topic = projection.Topic, StreamNamespace = projection.Name, Format = "debezium", KeyFields = [.. projection.PrimaryKey] });
        }
    }, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    silo.AddFastDataPipeline(model, singleViews =>
    {
        singleViews.MinRunInterval = TimeSpan.FromMilliseconds(settings.SingleViewIntervalMs);
        singleViews.MaxConcurrentAggregations = settings.SingleViewSlots;
        singleViews.CoalesceWindow = TimeSpan.FromMilliseconds(settings.SingleViewWindowMs);
        singleViews.CoalesceWindowBusyAt = settings.SingleViewWindowBusyAt;
    });
});
using var host = builder.Build();
var whole = Stopwatch.StartNew();
await host.StartAsync();
var siloStarted = whole.Elapsed;
if (warmupEvents > 0)
{
    var (warmFirst, warmLast) = await Bench.WaitForDeliveredAsync(probe, warmupEvents, whole, TimeSpan.FromMinutes(10));
    Console.WriteLine($"warm-up: {settings.Warmup} records ({warmupEvents} with events) applied in {(warmLast - warmFirst).TotalSeconds:0.00} s ({warmupEvents / (warmLast - warmFirst).TotalSeconds:0} records/s, not measured)");
    await JitSettling.WaitAsync(TimeSpan.FromSeconds(60));
}

// What the silo costs with nothing to do (the provider's pulls and long polls, the consumers' fetches, timers): paced
// phases pay it on top of their records.
var idleStart = GcSnapshot.Take();
var idleClock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(2));
Console.WriteLine($"idle, 2 s: {GcSnapshot.Take().Since(idleStart, idleClock.Elapsed)}");

var aggregationsBefore = probe.Aggregations;
probe.ResetAggregationTimes();
probe.TakeOutcomes();

// 2. The measured records, all at once (produced far faster than the pipeline reads them); the clock runs from the first
// one consumed to the last one delivered. The provider reports delivered the records whose events the grains applied,
// single views included; tombstones carry none.
var consumedBefore = probe.Consumed;
using var allocations = settings.AllocationTypes > 0 ? new AllocationSampler() : null;
allocations?.Start();
var gcBefore = GcSnapshot.Take();
var measured = Stopwatch.StartNew();
var newKeysBefore = keys.NewKeys;
var withEvents = Bench.ProduceAll(producer, records, settings.Records, keys);
Console.WriteLine($"produced {settings.Records} measured records ({withEvents} with events, the rest tombstones) in {measured.Elapsed.TotalSeconds:0.00} s; "
    + $"{keys.NewKeys - newKeysBefore} of them ({(keys.NewKeys - newKeysBefore) / (double)Math.Max(1, withEvents):P1}) have a key no earlier record had, and activate a projection grain and its stream");
var (firstAt, lastAt) = await Bench.WaitForDeliveredAsync(probe, warmupEvents + withEvents, measured, TimeSpan.FromMinutes(10), consumedBefore);
var throughput = withEvents / (lastAt - firstAt).TotalSeconds;
Console.WriteLine($"pipeline: silo started in {siloStarted.TotalSeconds:0.0} s; {withEvents} measured records applied (single views included) from {firstAt.TotalSeconds:0.00} s to {lastAt.TotalSeconds:0.00} s; "
    + $"{probe.Applied} events applied or dropped in all, {probe.Aggregations - aggregationsBefore} aggregations, {sinks.Changes} single-view changes in all, {sinks.DeadLetters} dead letters, {sinks.Errors} aggregation errors");
Console.WriteLine($"aggregations (mean time to aggregate and persist): {probe.AggregationSummary()}; {(probe.Aggregations - aggregationsBefore) / (double)Math.Max(1, withEvents):0.00} per record; by outcome: {probe.TakeOutcomes()}");
Console.WriteLine($"sustained end-to-end throughput: {throughput:0} records/s (from the first measured record consumed to the last delivered)");
var gcAfter = GcSnapshot.Take();
Console.WriteLine($"measured records: {gcAfter.Since(gcBefore, measured.Elapsed)}");
Console.WriteLine($"measured records: {gcAfter.CpuPerRecord(gcBefore, withEvents)}");
if (allocations is not null)
{
    Console.Write(allocations.Stop(settings.AllocationTypes));
}

// 3. The plain Confluent consumer on the same topics and records (warm-up and measured).
var plainRate = Bench.MeasurePlainConsumer(kafka.BootstrapServers, settings.Warmup + settings.Records);

// 4. Freshness at 25/50/75 % of that throughput, paced, continuing the same change stream.
var delivered = warmupEvents + withEvents;
using var pauses = new GcPauseLog();
var freshness = new List<FreshnessPhase>();
// --paced-rates replaces the fractions of the measured throughput with fixed rates: two builds then compare at the same rates.
foreach (var rate in settings.PacedRates.Count > 0 ? settings.PacedRates : [throughput * 0.25, throughput * 0.5, throughput * 0.75])
{
    var load = rate / throughput;
    var count = (int)(rate * settings.PhaseSeconds);
    probe.TakeFreshness();
    probe.TakeOutcomes();
    var phaseAggregations = probe.Aggregations;
    var phaseGc = GcSnapshot.Take();
    var phaseClock = Stopwatch.StartNew();
    var phaseNewKeys = keys.NewKeys;
    var phaseEvents = Bench.ProducePaced(producer, records, count, rate, keys);
    phaseNewKeys = keys.NewKeys - phaseNewKeys;
    delivered += phaseEvents;
    await Bench.WaitForDeliveredAsync(probe, delivered, Stopwatch.StartNew(), TimeSpan.FromMinutes(5));
    var samples = probe.TakeFreshness();
    // Paced records coalesce less than a backlog does: each may start aggregations of its own.
    var perRecord = (probe.Aggregations - phaseAggregations) / (double)Math.Max(1, phaseEvents);
    var phaseEnd = GcSnapshot.Take();
    freshness.Add(FreshnessPhase.Measure(load, rate, samples, pauses, perRecord, phaseNewKeys / (double)Math.Max(1, phaseEvents),
        phaseEnd.CpuMicrosecondsPerRecord(phaseGc, phaseEvents), probe.TakeOutcomes(), phaseEnd.Since(phaseGc, phaseClock.Elapsed)));
}

await host.StopAsync();
Console.WriteLine();
Console.WriteLine($"plain Confluent consumer (same topics):   {plainRate,10:0} records/s");
Console.WriteLine($"pipeline end to end (single views incl.): {throughput,10:0} records/s  ({throughput / plainRate:P1} of plain)");
Console.WriteLine("single-view freshness (produce -> single view persisted):");
foreach (var phase in freshness)
{
    Console.WriteLine(phase);
}

namespace FastData.Bench
{
    internal static class Bench
    {
        /// <summary>The host's default <c>FastData:Kafka:SingleViewTopicFormat</c>.</summary>
        public const string SingleViewTopicFormat = "fastdata.{0}.sv-update";

        /// <summary>Produces the next <paramref name="count"/> records as fast as the producer takes them; returns how
        /// many carry events (are not tombstones).</summary>
        public static long ProduceAll(IProducer<byte[], byte[]> producer, IEnumerator<CdcRecord> records, int count, KeyLedger keys)
        {
            var withEvents = 0L;
            for (var i = 0; i < count; i++)
            {
                withEvents += ProduceNext(producer, records, keys);
            }

            producer.Flush(TimeSpan.FromMinutes(2));
            return withEvents;
        }

        public static RetailEventGenerator Generator(BenchSettings settings) => new(new RetailGeneratorOptions
        {
            Seed = 7,
            Customers = settings.Customers,
            Products = settings.Products,
            ChangeEvents = null,
            DuplicateRate = 0.01,
            ReplayRate = 0.01,
            PrimaryKeyChangeRate = settings.PrimaryKeyChangeRate,
            InsertWeight = settings.InsertWeight,
            TargetEventBytes = settings.EventBytes,
        });

        public static async Task RunDirectAsync(BenchSettings settings, FastDataModel model)
        {
            using var probe = new PipelineProbe();
            var sinks = new CountingSinks();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            builder.Services.AddSingleton<IDeadLetterSink>(sinks);
            builder.Services.AddSingleton<ISingleViewChangeSink>(sinks);
            builder.Services.AddSingleton<IAggregationErrorSink>(sinks);
            builder.UseOrleans(silo => silo.UseLocalhostClustering().AddFastDataPipeline(model, singleViews =>
            {
                singleViews.MinRunInterval = TimeSpan.FromMilliseconds(settings.SingleViewIntervalMs);
                singleViews.MaxConcurrentAggregations = settings.SingleViewSlots;
                singleViews.CoalesceWindow = TimeSpan.FromMilliseconds(settings.SingleViewWindowMs);
                singleViews.CoalesceWindowBusyAt = settings.SingleViewWindowBusyAt;
            }));
            using var host = builder.Build();
            await host.StartAsync();
            var grains = host.Services.GetRequiredService<PipelineGrainReferences>();
            using var records = Generator(settings).Generate().GetEnumerator();
            if (settings.Warmup > 0)
            {
                Console.Write("warm-up (not measured): ");
                await DirectApply.MeasureAsync(grains, model, Next(records, settings.Warmup), settings.DirectLanes, 0);
                await JitSettling.WaitAsync(TimeSpan.FromSeconds(60));
                probe.ResetAggregationTimes();
            }

            await DirectApply.MeasureAsync(grains, model, Next(records, settings.Records), settings.DirectLanes, settings.Warmup);
            Console.WriteLine($"{sinks.Changes} single-view changes, {sinks.DeadLetters} dead letters, {sinks.Errors} aggregation errors");
            Console.WriteLine($"aggregations (mean time to aggregate and persist): {probe.AggregationSummary()}");
            await host.StopAsync();
        }

        private static List<CdcRecord> Next(IEnumerator<CdcRecord> records, int count)
        {
            var taken = new List<CdcRecord>(count);
            while (taken.Count < count && records.MoveNext())
            {
                taken.Add(records.Current);
            }

            return taken;
        }

        public static FastDataModel LoadRetailModel()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var folder = Path.Combine(dir.FullName, "samples", "retail");
                    if (File.Exists(Path.Combine(folder, "projections.json")))
                    {
                        var result = FastDataConfigurationLoader.Load(folder);
                        return result.Model ?? throw new InvalidOperationException("samples/retail is invalid: " + string.Join("; ", result.Errors));
                    }
                }
            }

            throw new DirectoryNotFoundException("samples/retail was not found above the current or the program's folder.");
        }

        public static IProducer<byte[], byte[]> CreateProducer(string bootstrap) => new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 1,
            BatchSize = 1024 * 1024,
            QueueBufferingMaxMessages = 500_000,
        }).Build();

        /// <summary>Produces the generator's next record and notes its key; returns 1 when it carries an event, 0 for a
        /// tombstone.</summary>
        private static int ProduceNext(IProducer<byte[], byte[]> producer, IEnumerator<CdcRecord> records, KeyLedger keys)
        {
            records.MoveNext();
            Produce(producer, records.Current);
            keys.Observe(records.Current);
            return records.Current.IsTombstone ? 0 : 1;
        }

        /// <summary>Produces one record, timestamped now so that freshness is measured from the produce.</summary>
        public static void Produce(IProducer<byte[], byte[]> producer, CdcRecord record)
        {
            var message = new Message<byte[], byte[]> { Key = record.Key, Value = record.Value!, Timestamp = new Timestamp(DateTime.UtcNow) };
            while (true)
            {
                try
                {
                    producer.Produce(record.Topic, message, report =>
                    {
                        if (report.Error.IsError)
                        {
                            throw new InvalidOperationException($"A record was not stored ({report.Error.Reason}); the measurement would be wrong.");
                        }
                    });
                    return;
                }
                catch (ProduceException<byte[], byte[]> exception) when (exception.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        /// <summary>Produces <paramref name="count"/> records at <paramref name="rate"/> records/s, evenly over time;
        /// returns how many carry events (are not tombstones).</summary>
        public static long ProducePaced(IProducer<byte[], byte[]> producer, IEnumerator<CdcRecord> records, int count, double rate, KeyLedger keys)
        {
            var clock = Stopwatch.StartNew();
            var withEvents = 0L;
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate);
                while (clock.Elapsed < due)
                {
                    Thread.Sleep(1);
                }

                withEvents += ProduceNext(producer, records, keys);
            }

            producer.Flush(TimeSpan.FromMinutes(1));
            return withEvents;
        }

        public static double MeasurePlainConsumer(string bootstrap, int expected)
        {
            using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrap,
                GroupId = "bench-plain",
                EnableAutoCommit = false,
                FetchMaxBytes = 64 * 1024 * 1024,
                MaxPartitionFetchBytes = 4 * 1024 * 1024,
                QueuedMaxMessagesKbytes = 256 * 1024,
                FetchWaitMaxMs = 50,
            }).Build();
            consumer.Assign(RetailTopics.All.SelectMany(t => Enumerable.Range(0, t.SuggestedPartitions).Select(p => new TopicPartitionOffset(t.Name, p, Offset.Beginning))));
            var clock = Stopwatch.StartNew();
            var first = TimeSpan.Zero;
            var count = 0;
            while (count < expected)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null)
                {
                    if (clock.Elapsed > TimeSpan.FromMinutes(5))
                    {
                        throw new TimeoutException($"The plain consumer read only {count} of {expected} records.");
                    }

                    continue;
                }

                if (count++ == 0)
                {
                    first = clock.Elapsed;
                }
            }

            var rate = count / (clock.Elapsed - first).TotalSeconds;
            Console.WriteLine($"plain consumer read {count} records in {clock.Elapsed.TotalSeconds:0.00} s (first after {first.TotalSeconds:0.00} s)");
            consumer.Close();
            return rate;
        }

        /// <summary>Waits until <paramref name="expected"/> Kafka records were delivered; returns when the first and the
        /// last were (on <paramref name="clock"/>).</summary>
        public static async Task<(TimeSpan First, TimeSpan Last)> WaitForDeliveredAsync(PipelineProbe probe, long expected, Stopwatch clock, TimeSpan timeout, long consumedBefore = 0)
        {
            var first = TimeSpan.Zero;
            var report = TimeSpan.FromSeconds(5);
            while (probe.Delivered < expected)
            {
                if (first == TimeSpan.Zero && probe.Consumed > consumedBefore)
                {
                    first = clock.Elapsed;
                }

                if (clock.Elapsed > report)
                {
                    report += TimeSpan.FromSeconds(5);
                    Console.WriteLine($"  t={clock.Elapsed.TotalSeconds:0}s consumed {probe.Consumed}, delivered {probe.Delivered} of {expected}, events applied {probe.Applied}");
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Only {probe.Delivered} of {expected} records were delivered after {timeout}.");
                }

                await Task.Delay(5);
            }

            return (first, clock.Elapsed);
        }

        public static double Percentile(List<double> sorted, double quantile) =>
            sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
    }
}
