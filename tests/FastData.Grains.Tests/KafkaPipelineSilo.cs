using FastData.Grains.Pipeline;
using FastData.Model.Configuration;
using FastData.Orleans.Streaming.Kafka;
using Orleans.Hosting;
using Orleans.Streams;

namespace FastData.Grains.Tests;

/// <summary>A test silo fed as a host feeds it: the Kafka stream provider on the embedded Kafka (implicit subscriptions,
/// Debezium records, no dead-letter topic) for <paramref name="projections"/>, the pipeline on samples/retail, in-memory
/// storage and sinks.</summary>
internal static class KafkaPipelineSilo
{
    public static ISiloBuilder AddKafkaPipeline(this ISiloBuilder silo, string bootstrapServers, string consumerGroup, IEnumerable<ProjectionDefinition> projections) => silo
        .AddKafkaStreams("kafka", options =>
        {
            options.BootstrapServers = bootstrapServers;
            options.ConsumerGroupId = consumerGroup;
            options.DeadLetterTopic = null;
            foreach (var projection in projections)
            {
                options.Topics.Add(new KafkaTopicOptions { Topic = projection.Topic, StreamNamespace = projection.Name, Format = "debezium", KeyFields = [.. projection.PrimaryKey] });
            }
        }, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly))
        .AddFastDataPipeline(RetailModel.Instance)
        .AddInMemoryPipelineSinks();
}
