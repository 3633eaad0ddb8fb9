import { Reflector } from '@nestjs/core';
import { Roles } from './auth.decorators.js';
import { requiredRoles } from './auth.guard.js';

@Roles('admin', 'viewer')
class Declared {
  inherited(): void {}

  @Roles('host')
  own(): void {}
}

class Undeclared {
  forgotten(): void {}
}

describe('requiredRoles (what the auth guard admits)', () => {
  const reflector = new Reflector();

  it("takes the method's roles over the class's, and the class's when the method has none", () => {
    expect(requiredRoles(reflector, [Declared.prototype.own, Declared])).toEqual(['host']);
    expect(requiredRoles(reflector, [Declared.prototype.inherited, Declared])).toEqual([
      'admin',
      'viewer',
    ]);
  });

  it('admits no role at all on a route that declares none (deny by default)', () => {
    expect(requiredRoles(reflector, [Undeclared.prototype.forgotten, Undeclared])).toEqual([]);
  });
});
