/**
 * Puts the resource methods (grpc-methods.ts) into the provider server `@pulumi/pulumi/provider`'s `main` starts.
 * That server's class is not exported, so the methods are swapped where it hands its implementation to gRPC: the one
 * `addService` call for the ResourceProvider service. Everything else (Construct, GetSchema, ...) stays stock.
 */
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { resourceMethods } from "./grpc-methods";

export function installResourceMethods(): void {
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (
    this: grpc.Server,
    service: grpc.ServiceDefinition,
    implementation: grpc.UntypedServiceImplementation,
  ): void {
    if (service === (ResourceProviderService as unknown)) {
      // The stock methods are looked up on the instance's prototype: an own property wins.
      Object.assign(implementation, resourceMethods());
    }
    addService.call(this, service, implementation);
  };
}
