namespace FastData.Model.Configuration;

/// <summary>
/// The body of an ER condition. It relates a record of the condition's <c>From</c> projection (the collection
/// that declares it in <c>outgoing</c>) to records of its <c>To</c> projection (the related collection).
/// </summary>
public abstract record ConditionNode;
