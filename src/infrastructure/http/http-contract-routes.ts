import type { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { HttpContractInterceptor } from './http-contract.interceptor';

/**
 * Puts `app`'s HttpContractInterceptor on each controller route where one of the read contract's
 * interceptors may act (HttpContractInterceptor.mayApplyToRoute), instead of registering it as
 * APP_INTERCEPTOR, which Nest wraps around the requests of every route. Called between
 * NestFactory.create and init: a route reads its interceptors from its method's metadata when it
 * is registered (init); the contract goes first among the method's own, as a global one did (class
 * interceptors, none so far, would now run outside it). That metadata belongs to the controller
 * class, shared by every app of the process: an app must be initialised before the next one is
 * created (createApp's callers do so); another app's interceptor left there is replaced.
 */
export const attachHttpContract = (app: INestApplication): void => {
  const contract = app.get(HttpContractInterceptor);
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (controller === null) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const own = ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[]).filter((i) => !(i instanceof HttpContractInterceptor));
        const attached = contract.mayApplyToRoute({ handler, controller, method }) ? [contract, ...own] : own;
        Reflect.defineMetadata(INTERCEPTORS_METADATA, attached, handler);
      }
    }
  }
};
