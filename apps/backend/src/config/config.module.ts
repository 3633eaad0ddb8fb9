import { type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { Env } from './env.js';

/** Injection token of the validated `Env`. */
export const ENV = Symbol('ENV');

/** Parameter decorator: `constructor(@InjectEnv() env: Env)`. */
export const InjectEnv = (): ParameterDecorator => Inject(ENV);

/** Makes the `Env` the app was created with injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Env): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: ENV, useValue: env }], exports: [ENV] };
  }
}
