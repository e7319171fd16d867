import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Finishes Fastify's start (`ready()`: plugins loaded, hooks compiled) once Nest has registered
 * every route, so that an initialised app answers requests on its server before `listen` (tests
 * hand `app.getHttpServer()` to supertest). `listen` calls it again, which is a no-op.
 */
@Injectable()
export class FastifyReady implements OnApplicationBootstrap {
  constructor(private readonly adapter: HttpAdapterHost) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.adapter.httpAdapter.getInstance<FastifyInstance>().ready();
  }
}
