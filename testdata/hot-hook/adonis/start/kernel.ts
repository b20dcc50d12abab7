import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.use([])
router.use([])

export const middleware = router.named({
  stamp: () => import('#middleware/stamp_middleware'),
})
